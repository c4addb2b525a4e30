;; The Windows installer of Archive Desk (档案台), compiled with NSIS 3 (makensis).
;;
;;   makensis /DVERSION=0.1.0 /DSOURCE_DIR=dist\ArchiveDesk /DOUT_FILE=dist\ArchiveDesk-Setup-0.1.0.exe packaging\installer.nsi
;;
;; (packaging\build-windows.ps1 does this after the PyInstaller build; tests/test_installer.py
;; compiles it on Linux with a stub build folder so it cannot rot.)
;;
;; - per user, no administrator rights: RequestExecutionLevel user, installed into
;;   %LOCALAPPDATA%\Programs\ArchiveDesk, uninstaller registered under HKCU;
;; - Start-menu shortcut, and a desktop shortcut (a ticked option);
;; - the uninstaller keeps the data folder %LOCALAPPDATA%\ArchiveDesk (the archive database,
;;   its backups, the preferences and the logs) unless the clerk ticks the box that deletes it
;;   and confirms; a silent uninstall (/S) always keeps it.

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef SOURCE_DIR
  !define SOURCE_DIR "..\dist\ArchiveDesk"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "..\dist\ArchiveDesk-Setup-${VERSION}.exe"
!endif

!define APP_ID "ArchiveDesk"
!define APP_EXE "ArchiveDesk.exe"
!define CLI_EXE "archive-desk.exe"
!define PUBLISHER "Archive Desk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define DATA_DIR "$LOCALAPPDATA\${APP_ID}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

Name "$(APP_NAME)"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "Software\${APP_ID}" "InstallDir"
BrandingText "$(APP_NAME) ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Archive Desk"
VIAddVersionKey /LANG=0 "FileDescription" "Archive Desk installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "archive-desk.ico"
!define MUI_UNICON "archive-desk.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RUN_NOW)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString APP_NAME ${LANG_SIMPCHINESE} "档案台"
LangString APP_NAME ${LANG_ENGLISH} "Archive Desk"
LangString RUN_NOW ${LANG_SIMPCHINESE} "立即启动档案台"
LangString RUN_NOW ${LANG_ENGLISH} "Start Archive Desk now"
LangString SEC_PROGRAM ${LANG_SIMPCHINESE} "档案台（必需）"
LangString SEC_PROGRAM ${LANG_ENGLISH} "Archive Desk (required)"
LangString SEC_DESKTOP ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SEC_DESKTOP ${LANG_ENGLISH} "Desktop shortcut"
LangString UNSEC_PROGRAM ${LANG_SIMPCHINESE} "删除程序（档案数据保留）"
LangString UNSEC_PROGRAM ${LANG_ENGLISH} "Remove the program (the archive data is kept)"
LangString UNSEC_DATA ${LANG_SIMPCHINESE} "同时删除档案数据：数据库、备份、设置和日志"
LangString UNSEC_DATA ${LANG_ENGLISH} "Also delete the archive data: database, backups, settings and logs"
LangString CONFIRM_DATA ${LANG_SIMPCHINESE} "确定要删除 ${DATA_DIR} 中的全部档案数据（数据库和全部备份）吗？$\r$\n$\r$\n删除后无法恢复。如需保留，请先把数据库或备份复制到别处。"
LangString CONFIRM_DATA ${LANG_ENGLISH} "Delete all archive data in ${DATA_DIR} (the database and every backup)?$\r$\n$\r$\nThis cannot be undone. Copy the database or a backup elsewhere first to keep it."
LangString SHORTCUT_NAME ${LANG_SIMPCHINESE} "档案台"
LangString SHORTCUT_NAME ${LANG_ENGLISH} "Archive Desk"

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "$(SEC_PROGRAM)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; an update replaces the program's own files whole: nothing of an older build stays behind
  RMDir /r "$INSTDIR\_internal"
  File "${SOURCE_DIR}\${APP_EXE}"
  File "${SOURCE_DIR}\${CLI_EXE}"
  File /r "${SOURCE_DIR}\_internal"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\$(SHORTCUT_NAME).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "Software\${APP_ID}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "$(APP_NAME) Archive Desk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "$(SEC_DESKTOP)" SecDesktop
  CreateShortCut "$DESKTOP\$(SHORTCUT_NAME).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Section "un.$(UNSEC_PROGRAM)" UnSecProgram
  SectionIn RO
  ; the shortcuts of both languages: the installer may have run in the other one
  Delete "$SMPROGRAMS\档案台.lnk"
  Delete "$SMPROGRAMS\Archive Desk.lnk"
  Delete "$DESKTOP\档案台.lnk"
  Delete "$DESKTOP\Archive Desk.lnk"
  ; only the program's own files: the folder may have been chosen by hand
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_ID}"
SectionEnd

Section /o "un.$(UNSEC_DATA)" UnSecData
  ${If} ${Silent}
    Return  ; never without the clerk's own confirmation
  ${EndIf}
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(CONFIRM_DATA)" IDYES delete
  Return
  delete:
  RMDir /r "${DATA_DIR}"
SectionEnd
