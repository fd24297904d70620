# Runs TIDE with ARGS (a list) and writes its standard output to OUT, but only
# when it succeeds with some output; otherwise removes OUT (the command is not
# there yet in this binary) and says so without failing the build.
execute_process(COMMAND ${TIDE} ${ARGS} OUTPUT_VARIABLE text ERROR_VARIABLE errors
                RESULT_VARIABLE rc)
string(REPLACE ";" " " cmd "${ARGS}")
if(rc EQUAL 0 AND NOT text STREQUAL "")
  get_filename_component(dir ${OUT} DIRECTORY)
  file(MAKE_DIRECTORY ${dir})
  file(WRITE ${OUT}.tmp "${text}")
  file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
  file(REMOVE ${OUT}.tmp)
else()
  file(REMOVE ${OUT})
  message(STATUS "tide ${cmd} is not available (exit ${rc}): ${OUT} not generated")
endif()
