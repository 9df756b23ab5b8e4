; Inno Setup script of the desk installer (deploy/desk/windows/build.ps1 passes AppVersion and SourceDir).
; Per-user install: no administrator rights, program files in %LOCALAPPDATA%\Programs, the desk's
; database and logs in %LOCALAPPDATA%\mot-cua-counter (created by the application, kept on uninstall).
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\..\dist\mot-cua-counter"
#endif

[Setup]
AppId={{6B0E8F4C-3C59-4C38-9C7E-5A1D2B7C9E10}
AppName=Một Cửa Counter
AppVersion={#AppVersion}
AppPublisher=Một Cửa Counter
DefaultDirName={localappdata}\Programs\Mot Cua Counter
DefaultGroupName=Một Cửa Counter
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputBaseFilename=MotCuaCounter-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayName=Một Cửa Counter
UninstallDisplayIcon={app}\mot-cua-counter.exe
MinVersion=10.0

[Languages]
Name: "vietnamese"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Một Cửa Counter"; Filename: "{app}\mot-cua-counter.exe"; WorkingDir: "{userdocs}"
Name: "{group}\Gỡ cài đặt Một Cửa Counter"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Một Cửa Counter"; Filename: "{app}\mot-cua-counter.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\mot-cua-counter.exe"; Description: "{cm:LaunchProgram,Một Cửa Counter}"; Flags: nowait postinstall skipifsilent
