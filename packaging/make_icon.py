"""Draw the program's icon: 档 in white on a rounded dark-teal square, in the bundled font.

    .venv/bin/python packaging/make_icon.py

writes ``resources/icons/archive-desk.png`` (256 px, the window icon, shipped in every kind of
run) and ``packaging/archive-desk.ico`` (16–256 px, for the Windows executables, the shortcuts
and the installer). Both are committed; run this again only to change the drawing.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
BACKGROUND = (22, 94, 110, 255)  # dark teal
PAPER = (250, 247, 238, 255)


def draw(size: int) -> Image.Image:
    scale = 4  # drawn large, then scaled down: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 6, fill=BACKGROUND)
    font = ImageFont.truetype(str(FONT), int(big * 0.72), index=0)
    left, top, right, bottom = pen.textbbox((0, 0), "档", font=font)
    x = (big - (right - left)) / 2 - left
    y = (big - (bottom - top)) / 2 - top
    pen.text((x, y), "档", font=font, fill=PAPER)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    icons = ROOT / "resources" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    draw(256).save(icons / "archive-desk.png", optimize=True)
    sizes = [16, 24, 32, 48, 64, 128, 256]
    largest = draw(256)
    largest.save(
        ROOT / "packaging" / "archive-desk.ico",
        sizes=[(s, s) for s in sizes],
        append_images=[draw(s) for s in sizes[:-1]],
    )


if __name__ == "__main__":
    main()
