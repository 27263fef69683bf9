# Installs plangraph to a temporary prefix, then builds and runs the consumer project against it
# with find_package, and once more with add_subdirectory.
foreach(var SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "${var} not set")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK_DIR})

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
endfunction()

run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -DCMAKE_INSTALL_PREFIX=${WORK_DIR}/prefix
    -DPLANGRAPH_BUILD_TESTS=OFF -DPLANGRAPH_BUILD_EXAMPLES=OFF -DPLANGRAPH_BUILD_BENCHMARKS=OFF -DPLANGRAPH_INSTALL=ON)
run(${CMAKE_COMMAND} --install ${WORK_DIR}/build)

run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/consumer -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer)
run(${WORK_DIR}/consumer/consumer)

run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/subdir -DPLANGRAPH_SOURCE=${SOURCE_DIR})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/subdir)
run(${WORK_DIR}/subdir/consumer)
message(STATUS "find_package and add_subdirectory consumers built and ran")
