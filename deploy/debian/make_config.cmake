# Makes the package's /etc/appgenius-portal/portal.toml from docs/portal.example.toml: the same
# file, every key documented, with the package's paths. Fails when the example changed so that a
# replacement no longer applies (the package would then ship the wrong paths).
# cmake -DINPUT=docs/portal.example.toml -DOUTPUT=… -P make_config.cmake
file(READ "${INPUT}" text)
set(replacements
  "data_dir = \"data\"" "data_dir = \"/var/lib/appgenius-portal\""
  "# web_dir = \"/usr/share/appgenius/web\"" "web_dir = \"/usr/share/appgenius-portal/web\"")
list(LENGTH replacements count)
math(EXPR last "${count} - 1")
foreach(i RANGE 0 ${last} 2)
  math(EXPR j "${i} + 1")
  list(GET replacements ${i} from)
  list(GET replacements ${j} to)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "make_config.cmake: '${from}' is not in ${INPUT}")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
endforeach()
file(WRITE "${OUTPUT}" "# /etc/appgenius-portal/portal.toml — installed by the appgenius-portal package (docs/deploy.md).\n${text}")
