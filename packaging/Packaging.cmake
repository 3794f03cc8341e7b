# What makes Kindly a system's program: the desktop entry, icon and AppStream metadata, the
# manual pages and bash completion, the kiosk's systemd unit, user and config, the Debian
# package's documents; and CPack's Debian package (tools/package.sh). Included by the top-level
# CMakeLists.txt, after the kindly target.

set(KINDLY_PACKAGE_RELEASE 1)
set(KINDLY_MAINTAINER "The Kindly developers <kindly@users.noreply.github.com>")
set(pkg ${CMAKE_SOURCE_DIR}/packaging)
set(gen ${CMAKE_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${gen})

# --- Files configured with the version (its one home is project() in CMakeLists.txt) ----------
configure_file(${pkg}/${KINDLY_APP_ID}.metainfo.xml.in ${gen}/${KINDLY_APP_ID}.metainfo.xml @ONLY)
execute_process(COMMAND date -u -R -d "${KINDLY_RELEASE_DATE} 12:00:00"
                OUTPUT_VARIABLE KINDLY_RELEASE_DATE_RFC2822 OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
configure_file(${pkg}/debian/changelog.in ${gen}/changelog.Debian @ONLY)

# The kiosk config the package puts in /etc/kindly: the documented example, without its example
# PIN, so no kiosk is ever locked with a PIN everyone can read here. Until the administrator adds
# one, `kindly kiosk --check` (the unit's first step) says what is missing.
file(READ ${CMAKE_SOURCE_DIR}/kiosk/kiosk.example.toml kiosk_example)
string(REGEX REPLACE "\n# The PIN's salted hash[^\n]*\n[^\n]*\npin_hash = \"[^\"]*\"\n"
       "\n# The PIN's salted hash, never the PIN. Make yours and paste its line here:\n#   echo YOUR-PIN | kindly kiosk --hash-pin\n# pin_hash = \"pbkdf2-sha256$...\"\n"
       kiosk_packaged "${kiosk_example}")
if(kiosk_packaged STREQUAL kiosk_example)
  message(FATAL_ERROR "packaging: kiosk/kiosk.example.toml's pin_hash lines changed; update packaging/Packaging.cmake")
endif()
file(WRITE ${gen}/kiosk.toml "${kiosk_packaged}")

# --- Manual pages: scdoc sources in docs/man, gzipped as Debian wants them -------------------
find_program(SCDOC_PROGRAM scdoc)   # scdoc (Debian: scdoc)
find_program(GZIP_PROGRAM gzip REQUIRED)
set(man_pages kindly.1 kindly-script.5)
set(man_outputs)
foreach(page ${man_pages})
  set(source ${CMAKE_SOURCE_DIR}/docs/man/${page}.scd)
  if(SCDOC_PROGRAM)
    configure_file(${source} ${gen}/man/${page}.scd @ONLY)
    add_custom_command(OUTPUT ${gen}/man/${page}.gz
      COMMAND ${SCDOC_PROGRAM} < ${gen}/man/${page}.scd > ${gen}/man/${page}
      COMMAND ${GZIP_PROGRAM} -9nf ${gen}/man/${page}
      DEPENDS ${source} ${gen}/man/${page}.scd
      COMMENT "Manual page ${page}" VERBATIM)
    list(APPEND man_outputs ${gen}/man/${page}.gz)
    string(REGEX MATCH "[0-9]$" section ${page})
    install(FILES ${gen}/man/${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
  endif()
endforeach()
if(SCDOC_PROGRAM)
  add_custom_target(kindly-man ALL DEPENDS ${man_outputs})
else()
  message(WARNING "scdoc not found: the manual pages are not built (tools/install-deps.sh installs it)")
endif()

# --- The desktop: entry, icon, AppStream metadata, bash completion ----------------------------
install(FILES ${pkg}/${KINDLY_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${gen}/${KINDLY_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${pkg}/icons/${KINDLY_APP_ID}.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 24 32 48 64 128 256 512)
  install(FILES ${pkg}/icons/${size}x${size}/${KINDLY_APP_ID}.png
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
install(FILES ${pkg}/kindly.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME kindly)

# --- The kiosk as a service --------------------------------------------------------------------
install(FILES ${pkg}/kindly.sysusers.conf DESTINATION lib/sysusers.d RENAME kindly.conf)
# The unit and the config go where systemd and administrators look: /lib/systemd/system and
# /etc/kindly for a package (prefix /usr, as CPack installs it), and under the prefix for any
# other prefix, so `cmake --install --prefix DIR` never writes outside DIR. Decided at install
# time, when the prefix is known.
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(kindly_unit_dir /lib/systemd/system)
    set(kindly_etc_dir /etc/kindly)
  else()
    set(kindly_unit_dir \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\")
    set(kindly_etc_dir \"\${CMAKE_INSTALL_PREFIX}/etc/kindly\")
  endif()
  file(INSTALL DESTINATION \"\${kindly_unit_dir}\" TYPE FILE FILES \"${pkg}/kindly-kiosk.service\")
  file(INSTALL DESTINATION \"\${kindly_etc_dir}\" TYPE FILE FILES \"${gen}/kiosk.toml\")
")

# --- The Debian package's documents ----------------------------------------------------------
add_custom_command(OUTPUT ${gen}/changelog.Debian.gz
  COMMAND ${GZIP_PROGRAM} -9nc ${gen}/changelog.Debian > ${gen}/changelog.Debian.gz
  DEPENDS ${gen}/changelog.Debian VERBATIM)
add_custom_target(kindly-changelog ALL DEPENDS ${gen}/changelog.Debian.gz)
install(FILES ${pkg}/copyright ${gen}/changelog.Debian.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

# --- The Debian package (cpack -G DEB; see tools/package.sh) -----------------------------------
set(CPACK_PACKAGE_NAME kindly)
set(CPACK_PACKAGE_VENDOR "The Kindly developers")
set(CPACK_PACKAGE_CONTACT "${KINDLY_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "guided self-compassion meditation player")
# CPack puts the summary above as the synopsis line; this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Kindly plays guided meditations for self-compassion practice: a calm voice
speaks each step (synthesized, or your own recording), captions show what is
said, a breathing guide paces each breath, and field recordings of rain,
waves, birdsong or a fire play underneath and dip under the voice.
.
Sessions are TOML scripts that therapists and teachers can write themselves,
with compiler-style error messages. A session renders to WAV, FLAC, Ogg
Vorbis, MP3 or Opus with chapters, tags and WebVTT captions, to send to a
phone. Kindly also runs unattended as a locked fullscreen kiosk with
scheduled breaks (the kindly-kiosk systemd unit, disabled until enabled).")
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/kindly/kindly")
set(CPACK_DEBIAN_PACKAGE_RELEASE ${KINDLY_PACKAGE_RELEASE})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The libraries are found by dpkg-shlibdeps; what it cannot see is named here: the font the
# window draws with, Festival and the HTS voice the bundled sessions speak with, and a libsndfile
# that writes MP3 (1.1.0 and later).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, festival, festvox-us-slt-hts, libsndfile1 (>= 1.1.0)")
# The kiosk unit runs in the Cage compositor; xvfb, Xorg or a desktop are the user's choice.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cage")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${pkg}/debian/postinst ${pkg}/debian/prerm ${pkg}/debian/postrm ${pkg}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
