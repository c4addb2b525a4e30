# Build Archive Desk for Windows: the one-folder build (PyInstaller) and its installer (NSIS).
#
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
#
# Needs Python 3.11+ (python.org, 64-bit) on PATH and NSIS 3 (makensis; e.g. `winget install
# NSIS.NSIS`, or https://nsis.sourceforge.io). Run from anywhere: paths are the repository's.
# Produces dist\ArchiveDesk\ (ArchiveDesk.exe windowed, archive-desk.exe console) and
# dist\ArchiveDesk-Setup-<version>.exe. Steps are the ones README › Install on Windows lists.
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

$Venv = Join-Path $Root ".venv-win"
if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) {
    python -m venv $Venv
}
$Py = Join-Path $Venv "Scripts\python.exe"
& $Py -m pip install --quiet --upgrade pip
& $Py -m pip install --quiet -e ".[dev]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& $Py -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\archive-desk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# the build runs before it is packed: the console twin prints, the demo and the check pass
$Work = Join-Path ([System.IO.Path]::GetTempPath()) "archive-desk-build-check"
Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
New-Item -ItemType Directory $Work | Out-Null
$Cli = Join-Path $Root "dist\ArchiveDesk\archive-desk.exe"
& $Cli --db (Join-Path $Work "check.db") demo --cards 20 --loans 10
if ($LASTEXITCODE -ne 0) { throw "the built program failed: demo" }
& $Cli --db (Join-Path $Work "check.db") check
if ($LASTEXITCODE -ne 0) { throw "the built program failed: check" }

$Version = (& $Py -c "import archive_desk; print(archive_desk.__version__)").Trim()
$Makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $Makensis) {
    foreach ($dir in @(${env:ProgramFiles(x86)}, $env:ProgramFiles)) {
        $candidate = Join-Path $dir "NSIS\makensis.exe"
        if ($dir -and (Test-Path $candidate)) { $Makensis = $candidate; break }
    }
}
if (-not $Makensis) { throw "makensis not found: install NSIS 3" }
& $Makensis /V2 /WX "/DVERSION=$Version" "/DSOURCE_DIR=$Root\dist\ArchiveDesk" `
    "/DOUT_FILE=$Root\dist\ArchiveDesk-Setup-$Version.exe" packaging\installer.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
Get-Item "dist\ArchiveDesk-Setup-$Version.exe" | Select-Object Name, Length
