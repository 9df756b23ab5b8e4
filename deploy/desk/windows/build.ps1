# Build the desk installer on Windows 10/11: PyInstaller bundle, then the Inno Setup installer.
#   powershell -ExecutionPolicy Bypass -File deploy\desk\windows\build.ps1
# Needs: Python 3.11+ (python.org or winget install Python.Python.3.11) and Inno Setup 6
# (winget install JRSoftware.InnoSetup). Output: dist\installer\MotCuaCounter-Setup-<version>.exe
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..\..")
Set-Location $Root

$Version = (Select-String -Path pyproject.toml -Pattern '^version = "(.+)"').Matches[0].Groups[1].Value
Write-Host "Một Cửa Counter $Version"

if (-not (Test-Path .venv\Scripts\python.exe)) { python -m venv .venv }
.\.venv\Scripts\python -m pip install --quiet --upgrade pip
.\.venv\Scripts\python -m pip install --quiet ".[desk,package]"

# 1. the one-folder bundle: dist\mot-cua-counter\mot-cua-counter.exe (a windowed application)
.\.venv\Scripts\python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller `
    deploy\desk\mot-cua-counter.spec

# 2. smoke test of the bundle: print a slip with its command line (offscreen Qt, a throw-away database)
$Smoke = Join-Path $env:TEMP "mot-cua-smoke"
Remove-Item -Recurse -Force $Smoke -ErrorAction SilentlyContinue
New-Item -ItemType Directory $Smoke | Out-Null
$env:QT_QPA_PLATFORM = "offscreen"
$Exe = "dist\mot-cua-counter\counter-app.exe"  # the console twin of the GUI program
& $Exe --db "$Smoke\desk.sqlite" demo-data --dossiers 2 | Out-Host
$Code = ((& $Exe --db "$Smoke\desk.sqlite" dossier list --limit 1) -split "`t")[0]
& $Exe --db "$Smoke\desk.sqlite" slip $Code --out "$Smoke\slip.pdf" | Out-Host
if (-not (Test-Path "$Smoke\slip.pdf")) { throw "the bundle did not print a slip" }
Remove-Item Env:\QT_QPA_PLATFORM

# 3. the installer (per-user, Start-menu entry, uninstaller)
$Iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe") |
    Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $Iscc) { throw "Inno Setup 6 not found: winget install JRSoftware.InnoSetup" }
& $Iscc "/DAppVersion=$Version" "/DSourceDir=$Root\dist\mot-cua-counter" "/O$Root\dist\installer" `
    deploy\desk\windows\mot-cua-counter.iss
if ($LASTEXITCODE -ne 0) { throw "ISCC failed ($LASTEXITCODE)" }
Get-ChildItem dist\installer
