# `make package`: a Debian 12 package of the portal (CPack's DEB generator; docs/deploy.md).
#   /usr/bin/portal, /usr/share/appgenius-portal/web (the built web app),
#   /etc/appgenius-portal/portal.toml (a conffile, made from docs/portal.example.toml),
#   /lib/systemd/system/appgenius-portal.service, and maintainer scripts that create the system
#   user and /var/lib/appgenius-portal (0700). Runtime dependencies come from dpkg-shlibdeps.
set(PORTAL_PACKAGE_CONFIG ${CMAKE_BINARY_DIR}/package-files/portal.toml)
add_custom_command(
  OUTPUT ${PORTAL_PACKAGE_CONFIG}
  COMMAND ${CMAKE_COMMAND} -DINPUT=${PROJECT_SOURCE_DIR}/docs/portal.example.toml -DOUTPUT=${PORTAL_PACKAGE_CONFIG}
          -P ${PROJECT_SOURCE_DIR}/deploy/debian/make_config.cmake
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/portal.example.toml ${PROJECT_SOURCE_DIR}/deploy/debian/make_config.cmake
  COMMENT "Making the package's portal.toml"
  VERBATIM)
add_custom_target(package_config ALL DEPENDS ${PORTAL_PACKAGE_CONFIG})

install(TARGETS portal RUNTIME DESTINATION bin COMPONENT portal)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/dist/ DESTINATION share/appgenius-portal/web COMPONENT portal
        OPTIONAL)
install(FILES ${PORTAL_PACKAGE_CONFIG} DESTINATION /etc/appgenius-portal COMPONENT portal)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/appgenius-portal.service DESTINATION /lib/systemd/system
        COMPONENT portal)
install(FILES ${PROJECT_SOURCE_DIR}/docs/deploy.md ${PROJECT_SOURCE_DIR}/docs/operations.md
              ${PROJECT_SOURCE_DIR}/docs/portal.example.toml ${PROJECT_SOURCE_DIR}/deploy/nginx/appgenius-portal.conf
              ${PROJECT_SOURCE_DIR}/deploy/caddy/Caddyfile
        DESTINATION share/doc/appgenius-portal COMPONENT portal)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME appgenius-portal)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "AppGenius Portal maintainers <portal@appgenius.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Multi-tenant admin portal for an Anthropic organization")
set(CPACK_PACKAGE_DESCRIPTION
    "AppGenius Portal runs an Anthropic organization for many customer organizations: workspaces, API keys synced through the Admin API, portal users holding one key each, a prompt library and the client API of the AppGenius CLI. Japanese-first web UI.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "nginx | caddy")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/conffiles ${PROJECT_SOURCE_DIR}/deploy/debian/postinst
    ${PROJECT_SOURCE_DIR}/deploy/debian/prerm ${PROJECT_SOURCE_DIR}/deploy/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
