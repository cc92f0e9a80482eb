# schemas/*.schema.json compiled into the library (include/minrole/schema.hpp).
file(GLOB MINROLE_SCHEMA_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/schemas/*.schema.json)
set(MINROLE_EMBEDDED_SCHEMAS ${CMAKE_BINARY_DIR}/generated/embedded_schemas.cpp)
add_custom_command(
  OUTPUT ${MINROLE_EMBEDDED_SCHEMAS}
  COMMAND ${CMAKE_COMMAND} -DOUT=${MINROLE_EMBEDDED_SCHEMAS} -DROOT=${CMAKE_SOURCE_DIR} -P ${CMAKE_SOURCE_DIR}/cmake/embed_schemas.cmake
  DEPENDS ${MINROLE_SCHEMA_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed_schemas.cmake
  COMMENT "Embedding the JSON Schemas"
  VERBATIM)
target_sources(minrole_engine PRIVATE ${MINROLE_EMBEDDED_SCHEMAS})
# Where the package installs them: the modeline of generated YAML files points there.
set(MINROLE_SCHEMA_DIR "/usr/share/minrole/schemas" CACHE STRING "installed location of the JSON Schemas")
set_property(SOURCE ${CMAKE_SOURCE_DIR}/src/schema.cpp APPEND PROPERTY COMPILE_DEFINITIONS MINROLE_SCHEMA_DIR="${MINROLE_SCHEMA_DIR}")
