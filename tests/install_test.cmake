# Installs the build into a temporary prefix and runs the installed program there: it must
# find its bundled scripts/ and audio/ under <prefix>/share/kindly, with no build tree help.
set(prefix "${BUILD_DIR}/install-test-prefix")
file(REMOVE_RECURSE "${prefix}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
# What menus, man and systemd look for; under any prefix but /usr (a package's), the unit and
# the kiosk config stay inside the prefix too.
foreach(path share/applications/${APP_ID}.desktop share/metainfo/${APP_ID}.metainfo.xml
             share/icons/hicolor/scalable/apps/${APP_ID}.svg share/icons/hicolor/64x64/apps/${APP_ID}.png
             share/bash-completion/completions/kindly lib/systemd/system/kindly-kiosk.service
             etc/kindly/kiosk.toml share/kindly/kiosk.example.toml share/doc/kindly/copyright)
  if(NOT EXISTS "${prefix}/${path}")
    message(FATAL_ERROR "not installed: <prefix>/${path}")
  endif()
endforeach()
if(SCDOC AND NOT EXISTS "${prefix}/share/man/man1/kindly.1.gz")
  message(FATAL_ERROR "not installed: <prefix>/share/man/man1/kindly.1.gz")
endif()
file(GLOB scripts "${prefix}/share/kindly/scripts/*.toml")
if(NOT scripts)
  message(FATAL_ERROR "no scripts installed under ${prefix}/share/kindly/scripts")
endif()
# KINDLY_DATA_DIR is unset and no build-tree marker is installed: the data must be found
# through the prefix alone (bin/../share/kindly).
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=KINDLY_DATA_DIR XDG_CACHE_HOME=${prefix}/cache
                        "${prefix}/bin/kindly" check ${scripts}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(EXISTS "${prefix}/bin/kindly-data-dir.txt")
  message(FATAL_ERROR "the build tree's data marker must not be installed")
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installed kindly check failed (${rc}):\n${out}\n${err}")
endif()
# The bundled sessions' speech, made ahead and installed, serves their first check: nothing new
# is synthesized (every "N synthesized (0 new)").
if(READY_SPEECH)
  string(REGEX MATCH "synthesized \\([1-9][0-9]* new\\)" fresh "${out}")
  if(fresh)
    message(FATAL_ERROR "the installed bundled scripts still synthesized speech (${fresh}):\n${out}")
  endif()
endif()
message(STATUS "${out}")
# The catalogues are found beside the installed program (<prefix>/share/locale).
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=KINDLY_LOCALE_DIR --unset=LANGUAGE LANG=de_DE.UTF-8
                        "${prefix}/bin/kindly" --help
                RESULT_VARIABLE rc OUTPUT_VARIABLE help ERROR_VARIABLE err)
if(NOT help MATCHES "Aufruf: kindly")
  message(FATAL_ERROR "the installed kindly does not speak German under LANG=de_DE.UTF-8:\n${help}\n${err}")
endif()
file(REMOVE_RECURSE "${prefix}")
