# CTest check of province_dashboard in a real browser: runs the program, renders its page in
# headless Chromium (no driver: --dump-dom gives the DOM after the page's script ran, console
# messages come on stderr as CONSOLE lines) and fails on any console message, unless the inline
# chart check ran and passed, or unless the burn-up <svg id="burnup"> holds one point per date for
# each of its four lines, the dates counted by the program ("<K> dates"). Keeps a screenshot.
#   -DPROGRAM=… -DOUT=page.html -DPNG=page.png [-DPROVINCE=40 -DDATA=vn-admin-2025]
#   [-DBREAK=ON: drop the "done" points from the page before rendering; the check must then fail]
set(args ${OUT})
if(DATA)
  list(APPEND args ${PROVINCE} ${DATA})
endif()
execute_process(COMMAND ${PROGRAM} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "province_dashboard exited ${rc}: ${err}")
endif()
if(NOT out MATCHES "([0-9]+) dates")
  message(FATAL_ERROR "province_dashboard did not say how many dates its chart has: ${out}")
endif()
set(dates ${CMAKE_MATCH_1})
if(BREAK)
  file(READ ${OUT} page)
  string(REGEX REPLACE "<circle class=\"point done\"[^\n]*\n" "" page "${page}")  # every done point
  file(WRITE ${OUT} "${page}")
endif()

find_program(CHROMIUM NAMES chromium chromium-browser)
if(NOT CHROMIUM)
  message(FATAL_ERROR "chromium not found: scripts/install-deps installs it")
endif()
set(profile ${OUT}.chromium-profile)  # a profile of its own, so parallel runs do not share one
file(REMOVE_RECURSE ${profile})
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
execute_process(
  COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
          --user-data-dir=${profile} --enable-logging=stderr --v=0 --window-size=1280,2000
          --screenshot=${PNG} --dump-dom file://${OUT}
  RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_VARIABLE log TIMEOUT 60)
file(REMOVE_RECURSE ${profile})
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "chromium exited ${rc}:\n${log}")
endif()

string(REGEX MATCHALL "[^\n]*CONSOLE[(:][^\n]*" console "${log}")
if(console)
  list(JOIN console "\n" console)
  message("${console}")  # as Chromium wrote them, not wrapped
  message(FATAL_ERROR "the page wrote to the browser console (above)")
endif()
if(NOT dom MATCHES "<svg[^>]* id=\"burnup\"[^>]*>")
  message(FATAL_ERROR "no burn-up chart (<svg id=\"burnup\">) in the rendered page")
endif()
set(svg_tag "${CMAKE_MATCH_0}")
if(NOT svg_tag MATCHES "data-dates=\"${dates}\"")
  message(FATAL_ERROR "the chart does not say it has ${dates} dates: ${svg_tag}")
endif()
if(NOT svg_tag MATCHES "data-checked=\"ok\"")
  message(FATAL_ERROR "the page's chart check did not run or did not pass: ${svg_tag}")
endif()
foreach(line scope planned done ontime)
  string(REGEX MATCHALL "<circle class=\"point ${line}\" data-date=\"[0-9-]+\"" points "${dom}")
  list(LENGTH points got)
  if(NOT got EQUAL dates)
    message(FATAL_ERROR "${got} '${line}' points in the chart, expected one per date: ${dates}")
  endif()
endforeach()
if(NOT EXISTS ${PNG})
  message(FATAL_ERROR "chromium wrote no screenshot ${PNG}")
endif()
message(STATUS "${OUT}: rendered without console messages, ${dates} dates, 4 × ${dates} chart points; screenshot ${PNG}")
