@echo off
rem Runs an example of the book by its section or class: run 3.5, run ImdbBinaryClassification --epochs 5,
rem run --list, run --help (dlwj.docs.Run). The Windows twin of ./run: the first run builds the project with
rem the Maven wrapper; later runs start java directly, and build again only when a pom or a source is newer
rem than the last build. JVM options go in JAVA_OPTS, Maven's in MAVEN_ARGS (MAVEN_ARGS=-o for offline).
setlocal
set "ROOTDIR=%~dp0"
rem Written by the build (docs\pom.xml), with forward slashes; its date is the build's
set "CP=%ROOTDIR%docs\target\run-classpath.txt"

set STALE=1
if exist "%CP%" (
    powershell -NoProfile -Command "$built = (Get-Item -LiteralPath $env:CP).LastWriteTime; $sources = @(Get-Item (Join-Path $env:ROOTDIR 'pom.xml'), (Join-Path $env:ROOTDIR '*\pom.xml')) + @(Get-ChildItem (Join-Path $env:ROOTDIR '.mvn'), (Join-Path $env:ROOTDIR '*\src') -Recurse -File); exit [int](@($sources | Where-Object { $_.LastWriteTime -gt $built }).Count -gt 0)"
    if not errorlevel 1 set STALE=
)
if defined STALE (
    echo Building the examples ^(once, and again after changes^)... 1>&2
    pushd "%ROOTDIR%"
    call mvnw.cmd -q -pl docs -am test-compile 1>&2
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
set "ARGS=%ROOTDIR%docs\target\run.args"
>"%ARGS%" echo -cp "%ROOT%docs/target/classes;\
>>"%ARGS%" type "%CP%"
>>"%ARGS%" echo "
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" %JAVA_OPTS% "@%ARGS%" dlwj.docs.Run %*
exit /b %ERRORLEVEL%
