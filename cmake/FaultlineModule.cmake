# Project-wide target settings and the helper that declares one module = one static library.

set(FAULTLINE_WARNINGS
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wold-style-cast
    -Wnon-virtual-dtor -Woverloaded-virtual -Werror)

# Applies the project's compile settings to a target (warnings, Asio coroutine macros).
function(faultline_target_defaults target)
    target_compile_options(${target} PRIVATE ${FAULTLINE_WARNINGS})
    target_compile_definitions(${target} PUBLIC
        BOOST_ASIO_HAS_CO_AWAIT=1 BOOST_ASIO_HAS_STD_COROUTINE=1 BOOST_ASIO_NO_DEPRECATED
        PQXX_HAVE_OPTIONAL=1)
    target_compile_features(${target} PUBLIC cxx_std_20)
    if(TARGET faultline_pch AND NOT target STREQUAL "faultline_pch")
        target_precompile_headers(${target} REUSE_FROM faultline_pch)
    endif()
    if(TARGET faultline_pch)
        # A precompiled header is used only where every macro it saw is defined alike: libpq's
        # pkg-config flags define _FILE_OFFSET_BITS (a no-op on 64-bit), so everyone does. A
        # header that cannot be used is a warning, never a failed build.
        target_compile_definitions(${target} PUBLIC _FILE_OFFSET_BITS=64)
        target_compile_options(${target} PRIVATE -Wno-error=invalid-pch)
    endif()
endfunction()

# FAULTLINE_PCH: one precompiled header of the standard, Asio and JSON headers, built once and
# reused by every target (they share compile flags and definitions). Call after find_package.
function(faultline_precompiled_headers)
    if(NOT FAULTLINE_PCH)
        return()
    endif()
    add_library(faultline_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/pch/precompiled.cpp)
    faultline_target_defaults(faultline_pch)
    target_link_libraries(faultline_pch PRIVATE nlohmann_json::nlohmann_json Boost::headers)
    target_precompile_headers(faultline_pch PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch/precompiled.hpp)
endfunction()

# faultline_module(NAME <name> SOURCES <files...> DEPS <targets...>)
# Declares the static library faultline_<name>, alias faultline::<name>, whose public headers live
# in include/ beside its CMakeLists.txt. Only targets named in DEPS are visible to it.
function(faultline_module)
    cmake_parse_arguments(M "" "NAME" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
    add_library(faultline_${M_NAME} STATIC ${M_SOURCES})
    add_library(faultline::${M_NAME} ALIAS faultline_${M_NAME})
    target_include_directories(faultline_${M_NAME}
        PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
        PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
    target_link_libraries(faultline_${M_NAME} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
    faultline_target_defaults(faultline_${M_NAME})
endfunction()

# faultline_unit_test(NAME <module> SOURCES <files...> DEPS <targets...>)
# One Catch2 executable per module; its [integration] cases are registered under the label
# "integration", everything else under "unit".
function(faultline_test)
    cmake_parse_arguments(T "" "NAME" "SOURCES;DEPS" ${ARGN})
    add_executable(${T_NAME}_test ${T_SOURCES})
    target_link_libraries(${T_NAME}_test PRIVATE ${T_DEPS} faultline::test_support Catch2::Catch2WithMain)
    faultline_target_defaults(${T_NAME}_test)
    catch_discover_tests(${T_NAME}_test
        TEST_SPEC "~[integration]"
        TEST_PREFIX "${T_NAME}:"
        PROPERTIES LABELS unit ENVIRONMENT "FAULTLINE_BIN_DIR=${CMAKE_BINARY_DIR}/bin")
    catch_discover_tests(${T_NAME}_test
        TEST_SPEC "[integration]"
        TEST_PREFIX "${T_NAME}:"
        PROPERTIES LABELS integration ENVIRONMENT "FAULTLINE_BIN_DIR=${CMAKE_BINARY_DIR}/bin")
endfunction()
