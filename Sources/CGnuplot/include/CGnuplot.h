#pragma once
// A C interface to gnuplot-iostream (Debian: libgnuplot-iostream-dev), the C++
// header library that streams commands and data to a gnuplot process through
// Boost iostreams. Swift cannot use the C++ templates directly, so this module
// wraps one session in an opaque handle.
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One gnuplot process fed through a gnuplot-iostream stream.
typedef struct LaminaGnuplot LaminaGnuplot;

/// What a finished session gave: gnuplot's exit status (128 + signal number if
/// it was killed, -1 if it could not be waited for) and everything it wrote on
/// standard output and standard error, as NUL-terminated strings owned by the
/// result (free them with lamina_gnuplot_result_free).
typedef struct {
    int status;
    char *_Nullable output;
    char *_Nullable errors;
} LaminaGnuplotResult;

/// Starts `executable` (an absolute path to gnuplot) in `directory` (NULL: the
/// current one) with a pipe on its standard input, and its standard output and
/// error captured. Ignores SIGPIPE in this process, so that writing to a
/// gnuplot that has exited fails instead of killing the caller. On failure
/// returns NULL and writes a one-line reason into `error` (of `capacity` bytes).
LaminaGnuplot *_Nullable lamina_gnuplot_open(const char *_Nonnull executable, const char *_Nullable directory,
                                             char *_Nonnull error, size_t capacity);

/// Sends one command line (a newline is added). Returns 0, or -1 once the
/// stream has failed (gnuplot exited).
int lamina_gnuplot_command(LaminaGnuplot *_Nonnull session, const char *_Nonnull text);

/// Sends `rows` rows of `columns` numbers (row-major `values`) as inline data
/// for a `'-'` plot source, ending with gnuplot's `e` line (gnuplot-iostream's
/// send1d). NaN is written as `nan`, which gnuplot skips. Returns 0 or -1.
int lamina_gnuplot_send_rows(LaminaGnuplot *_Nonnull session, const double *_Nullable values, size_t rows,
                             size_t columns);

/// Closes gnuplot's input, waits for it to exit and frees the session.
LaminaGnuplotResult lamina_gnuplot_close(LaminaGnuplot *_Nonnull session);

/// Frees the strings of a result.
void lamina_gnuplot_result_free(LaminaGnuplotResult *_Nonnull result);

#ifdef __cplusplus
}
#endif
