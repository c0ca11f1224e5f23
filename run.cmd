@echo off
rem Runs an example of the book by its section or class: run 3.5, run ImdbBinaryClassification --epochs 5,
rem run --list, run --help (dlwj.launcher.Run). The Windows twin of ./run: the first run builds the project with
rem the Maven wrapper; later runs start java directly, and build again only when a pom or a source is newer
rem than the last build. JVM options go in JAVA_OPTS, Maven's in MAVEN_ARGS (MAVEN_ARGS=-o for offline).
setlocal
set "ROOTDIR=%~dp0"

rem The java to run: %JAVA_HOME%'s, else the PATH's; it must be 17 or newer. Said in one line, before any build.
set "GET_JDK=install a JDK 17 or newer (e.g. winget install EclipseAdoptium.Temurin.17.JDK, or adoptium.net)"
set "JAVA=java"
if not defined JAVA_HOME goto java_on_path
set "JAVA=%JAVA_HOME%\bin\java.exe"
if exist "%JAVA%" goto java_version
>&2 echo JAVA_HOME is %JAVA_HOME%, which has no bin\java.exe: point JAVA_HOME at a JDK 17 or newer, or unset it to use the PATH's java
exit /b 1
:java_on_path
where java >nul 2>nul
if not errorlevel 1 goto java_version
>&2 echo No Java found, no java on the PATH and JAVA_HOME not set: %GET_JDK%, then run again
exit /b 1
:java_version
powershell -NoProfile -Command "$v = (& $env:JAVA -version 2>&1 | Out-String); if ($v -match 'version \"(\d+)(\.(\d+))?') { $m = [int]$matches[1]; if ($m -eq 1) { $m = [int]$matches[3] }; exit [int]($m -lt 17) }; exit 1"
if not errorlevel 1 goto java_ok
>&2 echo %JAVA% is older than Java 17, which the examples need: %GET_JDK%, and set JAVA_HOME to it
exit /b 1
:java_ok
rem Written by the build (launcher\pom.xml), with forward slashes; its date is the build's
set "CP=%ROOTDIR%launcher\target\run-classpath.txt"

set STALE=1
if exist "%CP%" (
    powershell -NoProfile -Command "$built = (Get-Item -LiteralPath $env:CP).LastWriteTime; $sources = @(Get-Item (Join-Path $env:ROOTDIR 'pom.xml'), (Join-Path $env:ROOTDIR '*\pom.xml')) + @(Get-ChildItem (Join-Path $env:ROOTDIR '.mvn'), (Join-Path $env:ROOTDIR '*\src') -Recurse -File); exit [int](@($sources | Where-Object { $_.LastWriteTime -gt $built }).Count -gt 0)"
    if not errorlevel 1 set STALE=
)
if defined STALE (
    echo Building the examples ^(once, and again after changes^)... 1>&2
    pushd "%ROOTDIR%"
    call mvnw.cmd -q -pl launcher -am test-compile 1>&2
    if errorlevel 1 (
        popd
        exit /b 1
    )
    popd
)

rem The classpath is too long for a command line: java reads it from an argument file, quoted (forward slashes,
rem as java's argument files take a backslash inside quotes for an escape). Not started from ROOTDIR: relative
rem paths in the options (--out, --local-file) are the user's.
set "ROOT=%ROOTDIR:\=/%"
set "ARGS=%ROOTDIR%launcher\target\run.args"
>"%ARGS%" echo -cp "%ROOT%launcher/target/classes;\
>>"%ARGS%" type "%CP%"
>>"%ARGS%" echo "
"%JAVA%" %JAVA_OPTS% "@%ARGS%" dlwj.launcher.Run %*
exit /b %ERRORLEVEL%
