# fascia_proto_library(<target> GRPC <on|off> PROTOS <files relative to proto/>)
#
# Generates C++ (and, with GRPC on, gRPC service stubs) for the listed .proto
# files into the build tree and compiles them into a static library whose
# include directory is the generated root.
function(fascia_proto_library target)
  cmake_parse_arguments(ARG "" "GRPC" "PROTOS" ${ARGN})
  set(src_root ${PROJECT_SOURCE_DIR}/proto)
  set(out_root ${CMAKE_CURRENT_BINARY_DIR}/gen)
  file(MAKE_DIRECTORY ${out_root})
  set(generated)
  foreach(proto ${ARG_PROTOS})
    string(REGEX REPLACE "\\.proto$" "" base ${proto})
    set(outs ${out_root}/${base}.pb.cc ${out_root}/${base}.pb.h)
    set(args --cpp_out=${out_root})
    if(ARG_GRPC)
      list(APPEND outs ${out_root}/${base}.grpc.pb.cc ${out_root}/${base}.grpc.pb.h)
      list(APPEND args --grpc_out=${out_root}
           --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>)
    endif()
    add_custom_command(
      OUTPUT ${outs}
      COMMAND protobuf::protoc -I${src_root} ${args} ${src_root}/${proto}
      DEPENDS ${src_root}/${proto} protobuf::protoc
      COMMENT "protoc ${proto}"
      VERBATIM)
    list(APPEND generated ${outs})
  endforeach()
  add_library(${target} STATIC ${generated})
  target_include_directories(${target} PUBLIC ${out_root})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf gRPC::grpc++)
  target_compile_options(${target} PRIVATE -w)
endfunction()
