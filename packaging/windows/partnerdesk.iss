; Inno Setup 6 script: a per-user installer for the one-folder Windows bundle.
; Built by .github/workflows/bundle.yml:  iscc /DVersion=0.1.0 packaging\windows\partnerdesk.iss
; Signing: with /DSign and a SignTool named "pdsign" defined on the command line
; (iscc "/Spdsign=signtool sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /f cert.pfx /p PASSWORD $f")
; the installer and its uninstaller are signed; the .exe files inside are signed before.
#ifndef Version
  #define Version "0.1.0"
#endif

[Setup]
AppId={{7B0E3C2A-5D64-4F0B-9B7E-0D3F2C6A1E55}
AppName=PartnerDesk
AppVersion={#Version}
AppPublisher=PartnerDesk
DefaultDirName={autopf}\PartnerDesk
DefaultGroupName=PartnerDesk
; No administrator needed: installs for the current user (Program Files if run as admin).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=PartnerDesk-{#Version}-setup
SetupIconFile=..\..\resources\icons\partnerdesk.ico
UninstallDisplayIcon={app}\PartnerDesk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes
#ifdef Sign
SignTool=pdsign
SignedUninstaller=yes
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked
Name: "addtopath"; Description: "Add partnerdesk-cli to PATH (command line)"; Flags: unchecked

[Files]
Source: "..\..\dist\PartnerDesk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\PartnerDesk"; Filename: "{app}\PartnerDesk.exe"; AppUserModelID: "PartnerDesk.PartnerDesk"
Name: "{autodesktop}\PartnerDesk"; Filename: "{app}\PartnerDesk.exe"; Tasks: desktopicon

[Registry]
; partnerdesk:// links (the reminders' mails) open PartnerDesk.
Root: HKA; Subkey: "Software\Classes\partnerdesk"; ValueType: string; ValueData: "URL:PartnerDesk link"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\partnerdesk"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\partnerdesk\DefaultIcon"; ValueType: string; ValueData: "{app}\PartnerDesk.exe,0"
Root: HKA; Subkey: "Software\Classes\partnerdesk\shell\open\command"; ValueType: string; ValueData: """{app}\PartnerDesk.exe"" ""%1"""
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\PartnerDesk.exe"; Description: "{cm:LaunchProgram,PartnerDesk}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKCU, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
