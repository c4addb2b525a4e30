"""Archive Desk (档案台): the customer archive room clerk's desktop program.

This package holds the domain services and knows nothing of Qt; ``archive_desk.ui`` is the only
package that imports PySide6.
"""

__version__ = "0.1.0"
APP_NAME = "ArchiveDesk"
APP_TITLE = "档案台"
