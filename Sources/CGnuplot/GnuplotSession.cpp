// One gnuplot process driven through gnuplot-iostream. gnuplot-iostream's own
// constructor uses popen, whose pclose status it discards; here the process is
// started with posix_spawn so its exit status and messages can be reported, and
// the stream is built on the pipe's FILE* (gnuplot-iostream then fcloses it).
#include "CGnuplot.h"

#include <gnuplot-iostream.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

struct LaminaGnuplot {
    pid_t pid = -1;
    int outputFD = -1;
    int errorFD = -1;
    std::unique_ptr<gnuplotio::Gnuplot> stream;
};

namespace {

void describe(char *error, size_t capacity, const std::string &text) {
    if (capacity == 0) return;
    std::snprintf(error, capacity, "%s", text.c_str());
}

/// An unlinked temporary file (closed on exec), or -1.
int anonymousFile() {
    const char *base = std::getenv("TMPDIR");
    std::string path = std::string(base && base[0] ? base : "/tmp") + "/lamina-gnuplot-XXXXXX";
    std::vector<char> name(path.begin(), path.end());
    name.push_back('\0');
    int fd = mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0) unlink(name.data());
    return fd;
}

/// The whole contents of `fd` as a malloc'd string.
char *readAll(int fd) {
    std::string text;
    if (fd >= 0 && lseek(fd, 0, SEEK_SET) == 0) {
        char buffer[4096];
        ssize_t n;
        while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
    }
    char *copy = static_cast<char *>(std::malloc(text.size() + 1));
    if (copy) std::memcpy(copy, text.c_str(), text.size() + 1);
    return copy;
}

int check(LaminaGnuplot *session) {
    return session->stream && session->stream->good() ? 0 : -1;
}

}  // namespace

extern "C" LaminaGnuplot *lamina_gnuplot_open(const char *executable, const char *directory, char *error,
                                              size_t capacity) {
    std::signal(SIGPIPE, SIG_IGN);
    auto session = std::make_unique<LaminaGnuplot>();
    int pipeFDs[2];
    if (pipe2(pipeFDs, O_CLOEXEC) != 0) {
        describe(error, capacity, std::string("cannot create a pipe to gnuplot: ") + std::strerror(errno));
        return nullptr;
    }
    session->outputFD = anonymousFile();
    session->errorFD = anonymousFile();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFDs[0], 0);
    if (session->outputFD >= 0) posix_spawn_file_actions_adddup2(&actions, session->outputFD, 1);
    if (session->errorFD >= 0) posix_spawn_file_actions_adddup2(&actions, session->errorFD, 2);
    if (directory) posix_spawn_file_actions_addchdir_np(&actions, directory);
    // gnuplot needs only 0, 1 and 2: descriptors other threads opened without close-on-exec (such as a
    // worker's stdin pipe) must not stay open in it, or their readers would wait for gnuplot to exit.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    char *argv[] = {const_cast<char *>("gnuplot"), nullptr};
    int spawned = posix_spawn(&session->pid, executable, &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFDs[0]);
    if (spawned != 0) {
        close(pipeFDs[1]);
        if (session->outputFD >= 0) close(session->outputFD);
        if (session->errorFD >= 0) close(session->errorFD);
        describe(error, capacity, std::string("cannot start ") + executable + ": " + std::strerror(spawned));
        return nullptr;
    }
    FILE *input = fdopen(pipeFDs[1], "w");
    if (!input) {
        close(pipeFDs[1]);
        LaminaGnuplotResult result = lamina_gnuplot_close(session.release());
        lamina_gnuplot_result_free(&result);
        describe(error, capacity, "cannot open gnuplot's input stream");
        return nullptr;
    }
    try {
        session->stream = std::make_unique<gnuplotio::Gnuplot>(input);
    } catch (const std::exception &e) {
        std::fclose(input);
        LaminaGnuplotResult result = lamina_gnuplot_close(session.release());
        lamina_gnuplot_result_free(&result);
        describe(error, capacity, std::string("gnuplot-iostream: ") + e.what());
        return nullptr;
    }
    return session.release();
}

extern "C" int lamina_gnuplot_command(LaminaGnuplot *session, const char *text) {
    if (check(session) != 0) return -1;
    try {
        *session->stream << text << '\n';
    } catch (...) {
        return -1;
    }
    return check(session);
}

extern "C" int lamina_gnuplot_send_rows(LaminaGnuplot *session, const double *values, size_t rows, size_t columns) {
    if (check(session) != 0) return -1;
    try {
        std::vector<std::vector<double>> table(rows);
        for (size_t r = 0; r < rows; ++r) table[r].assign(values + r * columns, values + (r + 1) * columns);
        *session->stream << std::defaultfloat << std::setprecision(9);
        session->stream->send1d(table);
    } catch (...) {
        return -1;
    }
    return check(session);
}

extern "C" LaminaGnuplotResult lamina_gnuplot_close(LaminaGnuplot *session) {
    std::unique_ptr<LaminaGnuplot> owned(session);
    owned->stream.reset();  // flushes and fcloses the pipe: gnuplot reads end of input
    LaminaGnuplotResult result{-1, nullptr, nullptr};
    if (owned->pid > 0) {
        int status = 0;
        pid_t waited;
        do { waited = waitpid(owned->pid, &status, 0); } while (waited < 0 && errno == EINTR);
        if (waited == owned->pid) {
            result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
    }
    result.output = readAll(owned->outputFD);
    result.errors = readAll(owned->errorFD);
    if (owned->outputFD >= 0) close(owned->outputFD);
    if (owned->errorFD >= 0) close(owned->errorFD);
    return result;
}

extern "C" void lamina_gnuplot_result_free(LaminaGnuplotResult *result) {
    std::free(result->output);
    std::free(result->errors);
    result->output = nullptr;
    result->errors = nullptr;
}
