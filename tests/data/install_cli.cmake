# Installs a build tree into PREFIX and runs the installed bin/plangraph; for CTest (cmake -P).
#   -DBUILD_DIR=<dir>  a configured and built tree (PLANGRAPH_INSTALL on, examples built)
#   -DPREFIX=<dir>     a scratch prefix, emptied first
#   -DBINDIR=<dir>     CMAKE_INSTALL_BINDIR
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} RESULT_VARIABLE code
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${code}):\n${out}\n${err}")
endif()
set(program ${PREFIX}/${BINDIR}/plangraph)
if(NOT EXISTS ${program})
  message(FATAL_ERROR "${program} was not installed")
endif()
execute_process(COMMAND ${program} check --help RESULT_VARIABLE code OUTPUT_VARIABLE out)
if(NOT code EQUAL 0 OR NOT out MATCHES "--model")
  message(FATAL_ERROR "installed plangraph check --help: exit ${code}\n${out}")
endif()
message(STATUS "installed ${program}")
