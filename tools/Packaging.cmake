# Installation and the Debian package.
#
#   cmake --install build --prefix P      installs into P:
#     P/bin/corolint, corolint-clangd, corolint-run, corolint-hook
#     P/lib/corolint/libcorolint.so         the plugin (clang-tidy-19 --load=)
#     P/lib/corolint/corolint-preinclude.h
#     P/lib/corolint/clang/<major>/         clang's builtin headers: installed
#                                           binaries need no --resource-dir and
#                                           no -dev package (tools/corolint/Layout.h)
#     P/share/doc/corolint/                 README, docs, the recommended profile
#     P/share/man/man1/                     a page per program, from its --help
#   cpack --config build/CPackConfig.cmake  makes corolint_<version>_amd64.deb
#                                           (prefix /usr), see docs/install.md.
# Directories are spelled `lib`, not GNUInstallDirs' multiarch one: the
# binaries find lib/corolint relative to bin/.

set(COROLINT_DOC_DIR "share/doc/corolint")

install(TARGETS corolint corolint-clangd RUNTIME DESTINATION bin)
install(TARGETS corolintPlugin LIBRARY DESTINATION lib/corolint)
install(PROGRAMS tools/corolint-run tools/pre-commit/corolint-hook DESTINATION bin)
install(FILES tools/corolint/include/corolint-preinclude.h DESTINATION lib/corolint)
# The builtin headers and the sanitizers' ignore lists (a compile command
# with -fsanitize= needs them); not the runtime libraries.
install(DIRECTORY "${COROLINT_RESOURCE_DIR}/include" "${COROLINT_RESOURCE_DIR}/share"
  DESTINATION "lib/corolint/clang/${LLVM_VERSION_MAJOR}")

install(FILES README.md docs/corolint.clang-tidy DESTINATION "${COROLINT_DOC_DIR}")
install(DIRECTORY docs/ DESTINATION "${COROLINT_DOC_DIR}/docs"
  FILES_MATCHING PATTERN "*.md")
install(FILES tools/debian/copyright DESTINATION "${COROLINT_DOC_DIR}")

# A manual page per program, made from its own --help.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(_pages)
foreach(_program corolint corolint-clangd corolint-run corolint-hook)
  set(_page "${CMAKE_BINARY_DIR}/man/${_program}.1.gz")
  if(TARGET ${_program})
    set(_command "$<TARGET_FILE:${_program}>")
    set(_depends ${_program})
  elseif(_program STREQUAL "corolint-run")
    set(_command "${Python3_EXECUTABLE}" "${PROJECT_SOURCE_DIR}/tools/corolint-run")
    set(_depends "${PROJECT_SOURCE_DIR}/tools/corolint-run")
  else()
    set(_command "${Python3_EXECUTABLE}" "${PROJECT_SOURCE_DIR}/tools/pre-commit/corolint-hook")
    set(_depends "${PROJECT_SOURCE_DIR}/tools/pre-commit/corolint-hook")
  endif()
  add_custom_command(OUTPUT "${_page}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/man"
    COMMAND "${Python3_EXECUTABLE}" "${PROJECT_SOURCE_DIR}/tools/make-manpage.py"
      ${_program} "${PROJECT_VERSION}" "${_page}" -- ${_command}
    DEPENDS ${_depends} "${PROJECT_SOURCE_DIR}/tools/make-manpage.py"
    COMMENT "Manual page of ${_program}" VERBATIM)
  list(APPEND _pages "${_page}")
endforeach()
add_custom_target(corolint-manpages ALL DEPENDS ${_pages})
install(FILES ${_pages} DESTINATION share/man/man1)

# The changelog of a native package (no Debian revision), gzipped as policy
# wants it, dated by the last commit (or the configure time outside git) so
# that the package is reproducible.
set(_changelog "${CMAKE_BINARY_DIR}/debian/changelog")
execute_process(COMMAND git log -1 --format=%cD
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
  OUTPUT_VARIABLE _date OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
  RESULT_VARIABLE _git_rc)
if(NOT _git_rc EQUAL 0 OR _date STREQUAL "")
  string(TIMESTAMP _date "%a, %d %b %Y %H:%M:%S +0000" UTC)
endif()
file(WRITE "${_changelog}"
  "corolint (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
  "  * Release ${PROJECT_VERSION}: see /usr/share/doc/corolint/README.md.\n\n"
  " -- corolint developers <corolint@example.org>  ${_date}\n")
execute_process(COMMAND gzip -9nf "${_changelog}")
install(FILES "${_changelog}.gz" DESTINATION "${COROLINT_DOC_DIR}")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "corolint")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "corolint developers <corolint@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "static analyzer for C++20 coroutine misuse")
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "corolint finds C++20 coroutine bugs at compile time: tasks that never run,\n"
  "tasks started with nobody to receive their errors, blocking calls and\n"
  "CPU-heavy loops on the thread of a coroutine, independent tasks awaited one\n"
  "by one, thread pools built per call, coroutine frames that outlive what\n"
  "they refer to. It ships as a standalone clang-tidy (corolint), a plugin\n"
  "for clang-tidy-19, a project runner, a pre-commit hook and a clangd for\n"
  "editors (corolint-clangd).")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "amd64")
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/corolint/corolint")
# The shared libraries the binaries link (libclang-cpp19, libllvm19, and
# corolint-clangd's gRPC and protobuf), found by dpkg-shlibdeps; python3 runs
# corolint-run and the hook. clang-tidy-19 only for the plugin.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "clang-tidy-19, pre-commit")
set(CPACK_STRIP_FILES ON)
include(CPack)
