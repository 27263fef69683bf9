# Runs one command line and checks its exit code and output; for CTest (cmake -P).
#   -DCOMMAND=<exe;arg;...>   the command, a list
#   -DEXPECT_EXIT=<n>         the exit code it must return
#   -DEXPECT_OUTPUT=<re;...>  regular expressions that stdout+stderr must all match (optional)
string(REPLACE "|" ";" COMMAND "${COMMAND}")
string(REPLACE "|" ";" EXPECT_OUTPUT "${EXPECT_OUTPUT}")
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT code STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_EXIT}")
endif()
foreach(re IN LISTS EXPECT_OUTPUT)
  if(NOT "${out}${err}" MATCHES "${re}")
    message(FATAL_ERROR "output does not match '${re}'")
  endif()
endforeach()
