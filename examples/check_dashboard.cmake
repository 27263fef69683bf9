# CTest check of province_dashboard: runs it, then checks the page is well-formed XML (so its
# SVG is too) with xmllint, fetches nothing (its one script is inline), has exactly one
# <tr class="commune"> per commune and the rows of the behind-schedule table the program says it
# shows ("(<B> shown)").
#   -DPROGRAM=… -DOUT=page.html [-DPROVINCE=40 -DDATA=vn-admin-2025]
# With DATA, the expected count is read from DATA/communes.csv (rows whose province_code is
# PROVINCE), independently of the library; without, from the program's "<N> communes" line.
set(args ${OUT})
if(DATA)
  list(APPEND args ${PROVINCE} ${DATA})
endif()
execute_process(COMMAND ${PROGRAM} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "province_dashboard exited ${rc}: ${err}")
endif()

find_program(XMLLINT xmllint REQUIRED)
execute_process(COMMAND ${XMLLINT} --noout ${OUT} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the page is not well-formed XML:\n${err}")
endif()
execute_process(COMMAND ${XMLLINT} --html --noout ${OUT} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xmllint --html refuses the page:\n${err}")
endif()

file(READ ${OUT} page)
if(page MATCHES "(src|href)=\"(https?:)?//" OR page MATCHES "<script[^>]*src=")
  message(FATAL_ERROR "the page fetches something or runs a script from a file")
endif()
string(REGEX MATCHALL "<tr class=\"commune\"" rows "${page}")
list(LENGTH rows got)
if(DATA)
  file(READ ${DATA}/communes.csv csv)
  string(REGEX MATCHALL "\n[^,\n]*,[^,\n]*,[^,\n]*,${PROVINCE}," lines "${csv}")
  list(LENGTH lines expected)
else()
  string(REGEX MATCH "([0-9]+) communes" _ "${out}")
  set(expected ${CMAKE_MATCH_1})
endif()
if(NOT got EQUAL expected OR expected EQUAL 0)
  message(FATAL_ERROR "${got} commune rows in ${OUT}, expected ${expected}")
endif()
string(REGEX MATCHALL "<tr class=\"behind\"" behind "${page}")
list(LENGTH behind behind)
if(NOT out MATCHES "behind schedule \\(([0-9]+) shown\\)" OR NOT behind EQUAL CMAKE_MATCH_1)
  message(FATAL_ERROR "${behind} rows in the behind-schedule table, the program says: ${out}")
endif()
message(STATUS "${OUT}: well-formed, ${got} commune rows, ${behind} units behind schedule shown")
