/*
 * jnetlink's CNI shim: the executable a runtime calls (target/bin/macvlan and one per plugin the
 * daemon serves). It forwards its CNI_* variables and stdin to the jnetlink CNI daemon over a unix
 * socket ($JNETLINK_CNI_SOCKET, else /run/jnetlink/cni.sock), prints the daemon's answer (what the
 * JVM executable would print) and exits with its code. When there is no daemon, or it does not
 * serve this plugin, it execs the JVM executable (FALLBACK), which does the same, only slower:
 * the JVM itself, from the command line the build wrote in FALLBACK.argv, else the launcher script.
 * If the daemon dies mid-answer, it prints a CNI error with code 11, "try again later", never
 * partial JSON.
 *
 * The wire format is io.jnetlink.cni.plugins.daemon.Frames (big-endian):
 *   request: "JNLC", version 1, kind 1 (call), 0, 0, u32 body length;
 *            body: u16 + plugin name, u32 + environ (NAME=value, NUL after each), u32 + stdin
 *   answer:  "JNLC", version 1, kind (3: not served here), 0, 0, i32 exit code,
 *            u32 + stdout, u32 + stderr
 *
 * Built by the Maven build: cc -O2 -DPLUGIN='"macvlan"' -DFALLBACK='"/abs/path/jvm/macvlan"'. libc only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef PLUGIN
#error "build with -DPLUGIN='\"<plugin name>\"'"
#endif
#ifndef FALLBACK
#error "build with -DFALLBACK='\"<absolute path of the JVM executable>\"'"
#endif

#define DEFAULT_SOCKET "/run/jnetlink/cni.sock"
#define SOCKET_VARIABLE "JNETLINK_CNI_SOCKET"
/* DaemonSettings.MAX_REQUEST_LIMIT: more stdin than this is declared, not sent; the daemon refuses it. */
#define MAX_STDIN (64u << 20)
#define NOT_SERVED 3

extern char **environ;

struct buffer {
    char *data;
    size_t length;
    size_t capacity;
};

static int append(struct buffer *b, const void *data, size_t n) {
    if (b->length + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + n) {
            capacity *= 2;
        }
        char *grown = realloc(b->data, capacity);
        if (!grown) {
            return -1;
        }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, data, n);
    b->length += n;
    return 0;
}

static int append_u32(struct buffer *b, uint32_t v) {
    unsigned char be[4] = {v >> 24, v >> 16, v >> 8, v};
    return append(b, be, 4);
}

static uint32_t get_u32(const unsigned char *p) {
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

/* The config's cniVersion if it is one the plugin supports, else the current one: for our own errors. */
static const char *declared_version(const struct buffer *stdin_bytes) {
    static const char *supported[] = {"0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"};
    const char *key = "\"cniVersion\"";
    char *p = stdin_bytes->data ? memmem(stdin_bytes->data, stdin_bytes->length, key, strlen(key)) : NULL;
    if (p) {
        char *end = stdin_bytes->data + stdin_bytes->length;
        p += strlen(key);
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ':')) {
            p++;
        }
        if (p < end && *p == '"') {
            p++;
            for (size_t i = 0; i < sizeof supported / sizeof *supported; i++) {
                size_t n = strlen(supported[i]);
                if ((size_t) (end - p) > n && memcmp(p, supported[i], n) == 0 && p[n] == '"') {
                    return supported[i];
                }
            }
        }
    }
    return "1.1.0";
}

/* Code 11, "try again later", on stdout: the daemon failed us, the call may be repeated. */
static int try_again_later(const struct buffer *stdin_bytes, const char *what) {
    printf("{\"cniVersion\":\"%s\",\"code\":11,\"msg\":\"the jnetlink CNI daemon %s; try again later\"}",
           declared_version(stdin_bytes), what);
    fflush(stdout);
    return 1;
}

/* Writes all of data; -1 on failure (EPIPE from a daemon that closed early: SIGPIPE is ignored meanwhile). */
static int write_all(int fd, const char *data, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, data, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w < 0) {
            return -1;
        }
        data += w;
        n -= (size_t) w;
    }
    return 0;
}

/*
 * Execs the JVM the launcher would start, from the command line the build wrote beside it
 * (FALLBACK.argv: each word followed by a NUL), in the launcher's C.UTF-8 locale: a shell's start
 * spared. Returns only if there is no such file or the exec failed; the launcher is run then.
 */
static void exec_jvm(char **argv) {
    static char text[1 << 16];
    char path[4096];
    if (snprintf(path, sizeof path, "%s.argv", FALLBACK) >= (int) sizeof path) {
        return;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    size_t n = 0;
    ssize_t r;
    while (n < sizeof text && (r = read(fd, text + n, sizeof text - n)) > 0) {
        n += (size_t) r;
    }
    close(fd);
    if (n == 0 || n == sizeof text || text[n - 1] != '\0') {
        return;
    }
    size_t words = 0;
    for (size_t i = 0; i < n; i++) {
        words += text[i] == '\0';
    }
    size_t args = 0;
    while (argv[1 + args]) {
        args++;
    }
    char **line = calloc(words + args + 1, sizeof *line);
    if (!line) {
        return;
    }
    char *word = text;
    for (size_t i = 0; i < words; i++) {
        line[i] = word;
        word += strlen(word) + 1;
    }
    memcpy(line + words, argv + 1, args * sizeof *line);
    setenv("LC_ALL", "C.UTF-8", 1);
    execv(line[0], line);
    free(line);
}

/* Runs the JVM executable in our place, with the same arguments, environment and (if read) stdin. */
static int fall_back(char **argv, const struct buffer *stdin_bytes, const char *why) {
    fprintf(stderr, "jnetlink %s: %s; running the JVM executable %s\n", PLUGIN, why, FALLBACK);
    if (stdin_bytes) { /* stdin was read: hand the same bytes over in a memory file */
        int fd = memfd_create("cni-stdin", MFD_CLOEXEC);
        if (fd >= 0 && write_all(fd, stdin_bytes->data, stdin_bytes->length) != 0) {
            return try_again_later(stdin_bytes, "did not serve this call and stdin could not be passed on");
        }
        if (fd < 0 || lseek(fd, 0, SEEK_SET) != 0 || dup2(fd, 0) != 0) {
            return try_again_later(stdin_bytes, "did not serve this call and stdin could not be passed on");
        }
    }
    signal(SIGPIPE, SIG_DFL); /* as the runtime started us */
    exec_jvm(argv);
    argv[0] = FALLBACK;
    execv(FALLBACK, argv);
    fprintf(stderr, "jnetlink %s: cannot run %s: %s\n", PLUGIN, FALLBACK, strerror(errno));
    struct buffer none = {0};
    return try_again_later(stdin_bytes ? stdin_bytes : &none, "is not running and the JVM executable could not be started");
}

/* Reads exactly n bytes; -1 if the daemon closed or failed first. */
static int read_all(int fd, void *into, size_t n) {
    char *p = into;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return -1;
        }
        p += r;
        n -= (size_t) r;
    }
    return 0;
}

/* A u32 length and that many bytes, into a fresh buffer of at most limit bytes. */
static int read_block(int fd, struct buffer *b, uint32_t limit) {
    unsigned char len[4];
    if (read_all(fd, len, 4) != 0 || get_u32(len) > limit) {
        return -1;
    }
    b->length = get_u32(len);
    b->data = malloc(b->length ? b->length : 1);
    return b->data ? read_all(fd, b->data, b->length) : -1;
}

int main(int argc, char **argv) {
    (void) argc;
    const char *path = getenv(SOCKET_VARIABLE);
    if (!path || !*path) {
        path = DEFAULT_SOCKET;
    }
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    char why[512];
    if (strlen(path) >= sizeof address.sun_path) {
        snprintf(why, sizeof why, "the CNI daemon socket path %s is too long", path);
        return fall_back(argv, NULL, why);
    }
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *) &address, sizeof address) != 0) {
        snprintf(why, sizeof why, "no CNI daemon at %s (%s)", path, strerror(errno));
        return fall_back(argv, NULL, why);
    }

    struct buffer in = {0};
    int oversized = 0;
    char chunk[65536];
    for (;;) {
        ssize_t r = read(0, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            break; /* end of stdin, or none (closed): the daemon judges what it got */
        }
        if (in.length + (size_t) r > MAX_STDIN) {
            oversized = 1;
            break;
        }
        if (append(&in, chunk, (size_t) r) != 0) {
            return try_again_later(&in, "could not be sent this call (out of memory)");
        }
    }

    struct buffer env = {0};
    for (char **e = environ; *e; e++) {
        if (strncmp(*e, "CNI_", 4) == 0 && append(&env, *e, strlen(*e) + 1) != 0) {
            return try_again_later(&in, "could not be sent this call (out of memory)");
        }
    }
    const char *plugin = PLUGIN;
    uint16_t plugin_length = (uint16_t) strlen(plugin);
    uint64_t body = 2u + plugin_length + 4u + env.length + 4u + in.length;
    struct buffer request = {0};
    unsigned char head[8] = {'J', 'N', 'L', 'C', 1, 1, 0, 0};
    unsigned char be16[2] = {plugin_length >> 8, plugin_length};
    if (append(&request, head, 8) || append_u32(&request, oversized ? UINT32_MAX : (uint32_t) body)) {
        return try_again_later(&in, "could not be sent this call (out of memory)");
    }
    if (!oversized && (append(&request, be16, 2) || append(&request, plugin, plugin_length)
                       || append_u32(&request, (uint32_t) env.length) || append(&request, env.data, env.length)
                       || append_u32(&request, (uint32_t) in.length) || append(&request, in.data, in.length))) {
        return try_again_later(&in, "could not be sent this call (out of memory)");
    }
    /* A daemon that refuses early (too large) answers and closes: read its answer all the same. */
    signal(SIGPIPE, SIG_IGN);
    write_all(fd, request.data, request.length);

    unsigned char answer[12];
    if (read_all(fd, answer, 8) != 0 || memcmp(answer, "JNLC", 4) != 0) {
        return try_again_later(&in, "ended the connection without an answer");
    }
    if (answer[5] == NOT_SERVED) {
        close(fd);
        snprintf(why, sizeof why, "the CNI daemon at %s does not serve %s", path, PLUGIN);
        return fall_back(argv, &in, why);
    }
    struct buffer out = {0}, err = {0};
    if (read_all(fd, answer + 8, 4) != 0 || read_block(fd, &out, MAX_STDIN) != 0
        || read_block(fd, &err, MAX_STDIN) != 0) {
        return try_again_later(&in, "ended the connection in the middle of its answer");
    }
    int exit_code = (int) get_u32(answer + 8);
    write_all(2, err.data, err.length);
    if (write_all(1, out.data, out.length) != 0) {
        return 1;
    }
    return exit_code;
}
