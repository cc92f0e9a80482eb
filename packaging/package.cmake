# The Debian package (`make deb`): the minrole binary, a man page per subcommand and shell
# completions generated from the binary's own --help (packaging/gen_docs.py, so they cannot
# drift from the CLI), the JSON Schemas, README and examples. Only the `runtime` component goes
# into the package; the static library, headers and CMake config stay for `make install`.
find_package(Python3 COMPONENTS Interpreter)
set(MINROLE_SHARE ${CMAKE_BINARY_DIR}/share)
if(Python3_FOUND)
  set(MINROLE_MAN_PAGES ${MINROLE_SHARE}/man/minrole.1)
  add_custom_command(
    OUTPUT ${MINROLE_SHARE}/docs.stamp
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/packaging/gen_docs.py $<TARGET_FILE:minrole> ${MINROLE_SHARE}
    COMMAND ${CMAKE_COMMAND} -E touch ${MINROLE_SHARE}/docs.stamp
    DEPENDS minrole ${CMAKE_SOURCE_DIR}/packaging/gen_docs.py
    COMMENT "Man pages and shell completions from minrole --help"
    VERBATIM)
  add_custom_target(minrole_docs ALL DEPENDS ${MINROLE_SHARE}/docs.stamp)
  install(DIRECTORY ${MINROLE_SHARE}/man/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime
          FILES_MATCHING PATTERN "*.1.gz")
  install(FILES ${MINROLE_SHARE}/completions/minrole.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME minrole COMPONENT runtime)
  install(FILES ${MINROLE_SHARE}/completions/_minrole DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
          COMPONENT runtime)
  install(FILES ${MINROLE_SHARE}/completions/minrole.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d
          COMPONENT runtime)
endif()
install(DIRECTORY ${CMAKE_SOURCE_DIR}/schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/minrole/schemas COMPONENT runtime
        FILES_MATCHING PATTERN "*.json")
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples COMPONENT runtime)

set(MINROLE_PACKAGE_MAINTAINER "minrole developers <minrole@users.noreply.github.com>" CACHE STRING
    "Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME minrole)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${MINROLE_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "least-privilege roles for Marketo API-Only users")
set(CPACK_PACKAGE_DESCRIPTION
    "minrole computes the smallest Marketo Engage role an integration needs, per workspace, from the REST endpoints it calls (or scans its code and logs for them), audits granted roles, and gates pull requests that widen access.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY minrole)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # Depends from dpkg-shlibdeps (nothing for the static build)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_STRIP_FILES ON)
include(CPack)
