# Kindly's words in other languages (see src/platform/Language.hpp and README "Adding a language").
find_program(KINDLY_MSGFMT msgfmt REQUIRED)
find_program(KINDLY_XGETTEXT xgettext REQUIRED)
find_program(KINDLY_MSGMERGE msgmerge REQUIRED)
file(READ ${CMAKE_SOURCE_DIR}/po/LINGUAS kindly_linguas)
string(REGEX REPLACE "#[^\n]*" "" kindly_linguas "${kindly_linguas}")
string(REGEX MATCHALL "[a-zA-Z_]+" kindly_languages "${kindly_linguas}")
set(kindly_mo_files)
foreach(language ${kindly_languages})
  set(mo ${CMAKE_BINARY_DIR}/locale/${language}/LC_MESSAGES/kindly.mo)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/${language}/LC_MESSAGES
    COMMAND ${KINDLY_MSGFMT} --check -o ${mo} ${CMAKE_SOURCE_DIR}/po/${language}.po
    DEPENDS ${CMAKE_SOURCE_DIR}/po/${language}.po
    COMMENT "Kindly in ${language}" VERBATIM)
  list(APPEND kindly_mo_files ${mo})
  install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_DATADIR}/locale/${language}/LC_MESSAGES)
endforeach()
add_custom_target(kindly-translations ALL DEPENDS ${kindly_mo_files})

# po/kindly.pot from the sources, then merged into every catalogue (translators fill in what is new).
add_custom_target(kindly-pot
  COMMAND ${CMAKE_SOURCE_DIR}/po/update-pot.sh ${CMAKE_SOURCE_DIR}/po/kindly.pot
  COMMAND ${CMAKE_COMMAND} -E env bash -c "for l in ${kindly_languages}; do ${KINDLY_MSGMERGE} -q --update --backup=none --no-fuzzy-matching --no-wrap ${CMAKE_SOURCE_DIR}/po/$l.po ${CMAKE_SOURCE_DIR}/po/kindly.pot; done"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} VERBATIM)
