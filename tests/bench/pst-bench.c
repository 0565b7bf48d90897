/* pst-bench.c: a load client for pst-server, on loopback.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

/* The benchmark starts a real `pst-server --demo` on 127.0.0.1 with a
 * temporary database and request logging off (a --config key file), and
 * measures three things with a client of its own: plain non-blocking
 * sockets on one epoll loop, HTTP/1.1 keep-alive and a minimal RFC 6455
 * client (no extensions), so the client costs little of the two cores:
 *
 *  1. read throughput and latency: C keep-alive connections each sending
 *     one authenticated GET after the other for D seconds (after a
 *     warm-up), per route;
 *  2. N WebSocket clients opening GET /events at once: the time until all
 *     are upgraded, and how many failed;
 *  3. fan-out: E times, one POST of a walk-in ticket, and the time from
 *     sending it to each client's receipt of the ticket.issued frame.
 *
 * Everything is bounded: each phase has a deadline, and the server is
 * killed with the benchmark.
 */

#define NS_PER_S G_GINT64_CONSTANT (1000000000)
#define NS_PER_MS G_GINT64_CONSTANT (1000000)
#define SERVER_START_TIMEOUT_S 120
#define CONNECT_TIMEOUT_S 60
#define EVENT_TIMEOUT_S 10
#define READ_CHUNK 65536
#define MAX_EVENTS 512

static char *opt_server = NULL;
static int opt_connections = 100;
static double opt_duration = 5.0;
static double opt_warmup = 1.0;
static int opt_clients = 2000;
static int opt_events = 50;
static gboolean opt_log_requests = FALSE;
static int opt_tickets = 25;
static gboolean opt_deflate = FALSE;
static int opt_workers = 2;
static int opt_rate = 10000;
static int opt_port = 0;
static char **opt_pids = NULL;

static const GOptionEntry entries[] = {
  { "server", 0, 0, G_OPTION_ARG_FILENAME, &opt_server, "pst-server binary (default: $PST_SERVER_BINARY)", "PATH" },
  { "connections", 'c', 0, G_OPTION_ARG_INT, &opt_connections, "Keep-alive connections for the reads (100)", "N" },
  { "duration", 'd', 0, G_OPTION_ARG_DOUBLE, &opt_duration, "Seconds measured per read route (5)", "S" },
  { "warmup", 0, 0, G_OPTION_ARG_DOUBLE, &opt_warmup, "Seconds of warm-up before each (1)", "S" },
  { "clients", 'w', 0, G_OPTION_ARG_INT, &opt_clients, "WebSocket clients (2000)", "N" },
  { "events", 'e', 0, G_OPTION_ARG_INT, &opt_events, "Events fanned out (50)", "N" },
  { "tickets", 't', 0, G_OPTION_ARG_INT, &opt_tickets, "Tickets issued before the reads (25)", "N" },
  { "deflate", 0, 0, G_OPTION_ARG_NONE, &opt_deflate, "WebSocket clients ask for permessage-deflate, as libsoup's do", NULL },
  { "log-requests", 0, 0, G_OPTION_ARG_NONE, &opt_log_requests, "Leave the server's request log on", NULL },
  { "workers", 0, 0, G_OPTION_ARG_INT, &opt_workers, "The server's workers (2; 1 is the single-threaded server)", "N" },
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, "Load a pst-server already running --demo on this port of 127.0.0.1 instead of starting one", "PORT" },
  { "pid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_pids, "With --port: a process of that server whose CPU and memory to report (repeatable)", "PID" },
  { "rate", 'r', 0, G_OPTION_ARG_INT, &opt_rate, "Requests per second offered in the fixed-rate reads (10000; 0: none)", "N" },
  { NULL }
};

typedef struct
{
  GSubprocess *process;
  char        *dir;
  char        *log_path;
  guint16      port;
  int          pid;
} Server;

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The q-quantile (nearest rank) of sorted @values, in milliseconds. */
static double
quantile_ms (GArray *values,
             double  q)
{
  guint rank;

  if (values->len == 0)
    return 0;

  rank = (guint) (q * values->len + 0.999999);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, gint64, rank - 1) / (double) NS_PER_MS;
}

/* CPU time the whole machine was busy, in seconds of one core, from
 * /proc/stat: to tell how much other processes took during a phase.
 */
static double
machine_busy_s (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  double busy = 0;

  if (!g_file_get_contents ("/proc/stat", &text, NULL, NULL))
    return 0;

  /* cpu user nice system idle iowait irq softirq steal */
  fields = g_strsplit_set (text, " \n", 12);
  for (int i = 2; i < 11 && fields[i] != NULL; i++)
    {
      if (i != 5 && i != 6)
        busy += g_ascii_strtod (fields[i], NULL);
    }

  return busy / sysconf (_SC_CLK_TCK);
}

/* The server's resident memory in MiB, from /proc. */
static double
server_rss_mib (Server *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", server->pid);
  g_autofree char *text = NULL;
  const char *rss;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (rss = strstr (text, "VmRSS:")) == NULL)
    return 0;

  return g_ascii_strtod (rss + 6, NULL) / 1024;
}

/* This process's CPU time (user + system) in seconds. */
static double
client_cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* CPU time (user + system) of process @pid in seconds, from /proc. */
static double
process_cpu_s (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;

  /* Fields after the command name, which is in parentheses. */
  after = strrchr (text, ')');
  if (after == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", 20);
  if (g_strv_length (fields) < 13)
    return 0;

  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

/* The server's CPU time: the one started, or those named by --pid. */
static double
server_cpu_s (Server *server)
{
  double total = 0;

  if (server->process != NULL)
    return process_cpu_s (server->pid);
  for (int i = 0; opt_pids != NULL && opt_pids[i] != NULL; i++)
    total += process_cpu_s (atoi (opt_pids[i]));

  return total;
}

static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < (rlim_t) opt_clients + 200)
    g_printerr ("pst-bench: the open file limit (%lu) is below %d clients\n",
                (unsigned long) limit.rlim_cur, opt_clients);
}

/* The server. */

static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
server_remove_files (Server *server)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *db = NULL;
  g_autofree char *config = NULL;

  db = g_build_filename (server->dir, "pst.db", NULL);
  wal = g_strconcat (db, "-wal", NULL);
  shm = g_strconcat (db, "-shm", NULL);
  config = g_build_filename (server->dir, "pst-server.conf", NULL);
  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (config);
  g_unlink (server->log_path);
  g_rmdir (server->dir);
}

static void
server_stop (Server *server)
{
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }

  server_remove_files (server);
  g_free (server->log_path);
  g_free (server->dir);
}

static void
server_start (Server *server)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_text = NULL;
  const char *binary = opt_server != NULL ? opt_server : g_getenv ("PST_SERVER_BINARY");
  gint64 deadline;

  if (binary == NULL)
    g_error ("Give the server with --server or PST_SERVER_BINARY");

  server->dir = g_dir_make_tmp ("pst-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (server->dir, "pst.db", NULL);
  config = g_build_filename (server->dir, "pst-server.conf", NULL);
  server->log_path = g_build_filename (server->dir, "server.log", NULL);
  config_text = g_strdup_printf ("[server]\nlog-requests = %s\nworkers = %d\n",
                                 opt_log_requests ? "true" : "false", opt_workers);
  g_file_set_contents (config, config_text, -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_stderr_file_path (launcher, server->log_path);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, binary,
                                                 "--db", db, "--listen", "127.0.0.1:0",
                                                 "--demo", "--config", config, NULL);
  if (server->process == NULL)
    g_error ("Cannot start %s: %s", binary, error->message);
  server->pid = atoi (g_subprocess_get_identifier (server->process));

  deadline = now_ns () + SERVER_START_TIMEOUT_S * NS_PER_S;
  while (now_ns () < deadline)
    {
      g_autofree char *log = NULL;
      const char *port;

      if (g_file_get_contents (server->log_path, &log, NULL, NULL) &&
          strstr (log, "Listening on") != NULL && (port = strstr (log, "(port ")) != NULL)
        {
          server->port = (guint16) g_ascii_strtoull (port + 6, NULL, 10);
          return;
        }
      if (g_subprocess_get_identifier (server->process) == NULL)
        {
          server_remove_files (server);
          g_error ("pst-server exited:\n%s", log != NULL ? log : "");
        }
      g_usleep (50000);
    }

  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  server_remove_files (server);
  g_error ("pst-server did not start in time");
}

/* Sockets. */

static int
socket_connect (guint16  port,
                gboolean blocking)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC | (blocking ? 0 : SOCK_NONBLOCK), 0);
  int one = 1;

  if (fd < 0)
    g_error ("socket: %s", g_strerror (errno));

  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0 && errno != EINPROGRESS)
    {
      if (blocking)
        g_error ("connect: %s", g_strerror (errno));
      close (fd);
      return -1;
    }

  return fd;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }

  return TRUE;
}

/* An HTTP response in @buffer: its status and where it ends, once it is
 * whole (Content-Length bodies only: what libsoup sends).
 */
static gboolean
http_response_complete (GByteArray *buffer,
                        guint      *out_status,
                        gsize      *out_length,
                        gsize      *out_body_start)
{
  const char *data = (const char *) buffer->data;
  const char *end;
  const char *length_header;
  gsize header_length, body_length = 0;

  if (buffer->len < 4)
    return FALSE;
  end = g_strstr_len (data, buffer->len, "\r\n\r\n");
  if (end == NULL)
    return FALSE;

  header_length = end - data + 4;
  length_header = g_strstr_len (data, header_length, "\r\nContent-Length:");
  if (length_header == NULL)
    length_header = g_strstr_len (data, header_length, "\r\ncontent-length:");
  if (length_header != NULL)
    body_length = g_ascii_strtoull (length_header + 17, NULL, 10);

  if (buffer->len < header_length + body_length)
    return FALSE;

  *out_status = buffer->len > 12 ? (guint) g_ascii_strtoull (data + 9, NULL, 10) : 0;
  *out_length = header_length + body_length;
  *out_body_start = header_length;
  return TRUE;
}

/* One request on a blocking connection; returns the body. */
static char *
http_blocking (int         fd,
               guint16     port,
               const char *method,
               const char *path,
               const char *token,
               const char *body,
               guint      *out_status)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree char *auth = token != NULL ? g_strdup_printf ("Authorization: Bearer %s\r\n", token)
                                        : g_strdup ("");
  g_autofree char *request = NULL;
  gsize length, body_start;
  char chunk[READ_CHUNK];

  request = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n%s"
                             "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                             method, path, port, auth, body != NULL ? strlen (body) : 0,
                             body != NULL ? body : "");
  if (!write_all (fd, request, strlen (request)))
    g_error ("write: %s", g_strerror (errno));

  while (!http_response_complete (buffer, out_status, &length, &body_start))
    {
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n <= 0)
        g_error ("The server closed the connection");
      g_byte_array_append (buffer, (guint8 *) chunk, n);
    }

  return g_strndup ((char *) buffer->data + body_start, length - body_start);
}

static char *
login (guint16     port,
       const char *username)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"pst-demo\"}",
                                           username);
  g_autofree char *answer = NULL;
  int fd = socket_connect (port, TRUE);
  guint status = 0;
  JsonObject *root;

  answer = http_blocking (fd, port, "POST", "/api/v1/auth/login", NULL, body, &status);
  close (fd);
  if (status != 200 || !json_parser_load_from_data (parser, answer, -1, NULL))
    g_error ("Cannot log in as %s: HTTP %u %s", username, status, answer);

  root = json_node_get_object (json_parser_get_root (parser));
  return g_strdup (json_object_get_string_member (root, "token"));
}

/* Issues @n walk-in tickets in 7604; returns the last one's id. */
static char *
issue_tickets (guint16     port,
               const char *token,
               int         n)
{
  int fd = socket_connect (port, TRUE);
  char *id = NULL;

  for (int i = 0; i < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *answer = NULL;
      guint status = 0;

      answer = http_blocking (fd, port, "POST", "/api/v1/offices/7604/tickets", token,
                              "{\"service\":\"consultation\"}", &status);
      if (status != 201 || !json_parser_load_from_data (parser, answer, -1, NULL))
        g_error ("POST ticket: HTTP %u %s", status, answer);
      g_free (id);
      id = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                    "id"));
    }

  close (fd);
  return id;
}

/* 1. Reads. */

/* The keep-alive GET a read run sends again and again. */
static char *
read_request_new (Server     *server,
                  const char *path,
                  const char *token)
{
  g_autofree char *auth = token != NULL ? g_strdup_printf ("Authorization: Bearer %s\r\n", token)
                                        : g_strdup ("");

  return g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n%s"
                          "Accept: application/json\r\n\r\n", path, server->port, auth);
}

typedef struct
{
  int         fd;
  GByteArray *buffer;
  gint64      sent_ns;
} HttpConn;

typedef struct
{
  const char *label;
  int         rate;     /* offered requests/s, 0 in a closed loop */
  double      rps;
  double      p50, p95, p99, max;
  guint64     requests;
  guint64     errors;
  double      server_cpu;
  double      client_cpu;
  double      other_cpu;
} ReadResult;

/* Fills @result from a run's sorted-to-be @latencies and the CPU counters
 * read when the measured part began.
 */
static void
read_result_finish (ReadResult *result,
                    Server     *server,
                    const char *label,
                    int         rate,
                    GArray     *latencies,
                    guint64     completed,
                    guint64     errors,
                    double      cpu_before,
                    double      client_before,
                    double      machine_before)
{
  result->server_cpu = (server_cpu_s (server) - cpu_before) / opt_duration;
  result->client_cpu = (client_cpu_s () - client_before) / opt_duration;
  result->other_cpu = (machine_busy_s () - machine_before) / opt_duration -
                      result->server_cpu - result->client_cpu;
  g_array_sort (latencies, compare_gint64);
  result->label = label;
  result->rate = rate;
  result->requests = completed;
  result->errors = errors;
  result->rps = completed / opt_duration;
  result->p50 = quantile_ms (latencies, 0.50);
  result->p95 = quantile_ms (latencies, 0.95);
  result->p99 = quantile_ms (latencies, 0.99);
  result->max = quantile_ms (latencies, 1.0);
}

static void
bench_reads (Server     *server,
             const char *label,
             const char *path,
             const char *token,
             ReadResult *result)
{
  g_autofree char *request = read_request_new (server, path, token);
  gsize request_length = strlen (request);
  g_autoptr(GArray) latencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1 << 18);
  HttpConn *conns = g_new0 (HttpConn, opt_connections);
  struct epoll_event events[MAX_EVENTS];
  int epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  gint64 start = now_ns ();
  gint64 measure_from = start + (gint64) (opt_warmup * NS_PER_S);
  gint64 measure_until = measure_from + (gint64) (opt_duration * NS_PER_S);
  guint64 completed = 0, errors = 0;
  double cpu_before = 0;
  double client_before = 0;
  double machine_before = 0;
  gboolean measuring = FALSE;
  int open_conns = opt_connections;
  char chunk[READ_CHUNK];

  for (int i = 0; i < opt_connections; i++)
    {
      struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &conns[i] };

      conns[i].fd = socket_connect (server->port, TRUE);
      conns[i].buffer = g_byte_array_new ();
      epoll_ctl (epoll_fd, EPOLL_CTL_ADD, conns[i].fd, &ev);
      conns[i].sent_ns = now_ns ();
      if (!write_all (conns[i].fd, request, request_length))
        g_error ("write: %s", g_strerror (errno));
    }

  while (open_conns > 0)
    {
      int n = epoll_wait (epoll_fd, events, MAX_EVENTS, 1000);
      gint64 now = now_ns ();

      if (!measuring && now >= measure_from)
        {
          measuring = TRUE;
          cpu_before = server_cpu_s (server);
          client_before = client_cpu_s ();
          machine_before = machine_busy_s ();
        }

      for (int e = 0; e < n; e++)
        {
          HttpConn *conn = events[e].data.ptr;
          ssize_t got = read (conn->fd, chunk, sizeof chunk);
          guint status;
          gsize length, body_start;

          if (got <= 0)
            {
              if (got < 0 && errno == EAGAIN)
                continue;
              errors++;
              epoll_ctl (epoll_fd, EPOLL_CTL_DEL, conn->fd, NULL);
              close (conn->fd);
              conn->fd = -1;
              open_conns--;
              continue;
            }
          g_byte_array_append (conn->buffer, (guint8 *) chunk, got);

          while (conn->fd >= 0 &&
                 http_response_complete (conn->buffer, &status, &length, &body_start))
            {
              gint64 done = now_ns ();

              g_byte_array_remove_range (conn->buffer, 0, length);
              if (conn->sent_ns >= measure_from && done <= measure_until)
                {
                  gint64 latency = done - conn->sent_ns;

                  if (status == 200)
                    {
                      g_array_append_val (latencies, latency);
                      completed++;
                    }
                  else
                    errors++;
                }

              if (done >= measure_until)
                {
                  epoll_ctl (epoll_fd, EPOLL_CTL_DEL, conn->fd, NULL);
                  close (conn->fd);
                  conn->fd = -1;
                  open_conns--;
                  break;
                }

              conn->sent_ns = done;
              if (!write_all (conn->fd, request, request_length))
                g_error ("write: %s", g_strerror (errno));
            }
        }

      if (now > measure_until + 10 * NS_PER_S)
        g_error ("The reads did not finish");
    }

  read_result_finish (result, server, label, 0, latencies, completed, errors, cpu_before,
                      client_before, machine_before);

  for (int i = 0; i < opt_connections; i++)
    g_byte_array_unref (conns[i].buffer);
  g_free (conns);
  close (epoll_fd);
}

/* The same reads at a fixed rate (open loop, as wrk2 does): request g of
 * the run is due at start + g / @rate and goes on connection g mod C. A
 * connection still waiting for its previous answer sends the next request
 * as soon as that answer is in, and its latency still counts from when it
 * was due, so a stall of the server shows in full instead of slowing the
 * client down with it ("coordinated omission"). One timerfd wakes the loop
 * when the next request is due.
 */
typedef struct
{
  int         fd;
  int         index;    /* i: its requests are i, i + C, i + 2C, … */
  GByteArray *buffer;
  guint64     due;      /* requests whose time has come */
  guint64     sent;     /* requests sent */
  gboolean    busy;     /* waiting for an answer */
} RateConn;

static gint64
rate_due_ns (gint64 start,
             int    rate,
             int    conns,
             int    index,
             guint64 k)
{
  guint64 g = k * (guint64) conns + (guint64) index;

  return start + (gint64) (g * (guint64) NS_PER_S / (guint64) rate);
}

static void
rate_send (RateConn   *conn,
           const char *request,
           gsize       length)
{
  conn->sent++;
  conn->busy = TRUE;
  if (!write_all (conn->fd, request, length))
    g_error ("write: %s", g_strerror (errno));
}

static void
bench_reads_at_rate (Server     *server,
                     const char *label,
                     const char *path,
                     const char *token,
                     int         rate,
                     ReadResult *result)
{
  g_autofree char *request = read_request_new (server, path, token);
  gsize request_length = strlen (request);
  g_autoptr(GArray) latencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1 << 18);
  RateConn *conns = g_new0 (RateConn, opt_connections);
  struct epoll_event events[MAX_EVENTS];
  struct epoll_event timer_ev = { .events = EPOLLIN, .data.ptr = NULL };
  int epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  int timer_fd = timerfd_create (CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  gint64 start, measure_from, measure_until, give_up;
  guint64 next_g = 0, completed = 0, errors = 0, late = 0;
  double cpu_before = 0, client_before = 0, machine_before = 0;
  gboolean measuring = FALSE;
  char chunk[READ_CHUNK];

  for (int i = 0; i < opt_connections; i++)
    {
      struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &conns[i] };

      conns[i].fd = socket_connect (server->port, TRUE);
      conns[i].index = i;
      conns[i].buffer = g_byte_array_new ();
      epoll_ctl (epoll_fd, EPOLL_CTL_ADD, conns[i].fd, &ev);
    }
  epoll_ctl (epoll_fd, EPOLL_CTL_ADD, timer_fd, &timer_ev);

  start = now_ns ();
  measure_from = start + (gint64) (opt_warmup * NS_PER_S);
  measure_until = measure_from + (gint64) (opt_duration * NS_PER_S);
  give_up = measure_until + 10 * NS_PER_S;

  for (;;)
    {
      gint64 now = now_ns ();
      gboolean idle = TRUE;
      int n;

      if (!measuring && now >= measure_from)
        {
          measuring = TRUE;
          cpu_before = server_cpu_s (server);
          client_before = client_cpu_s ();
          machine_before = machine_busy_s ();
        }

      /* Every request whose time has come, up to the end of the run. */
      for (;;)
        {
          RateConn *conn = &conns[next_g % opt_connections];
          gint64 due = rate_due_ns (start, rate, opt_connections, conn->index, conn->due);

          if (due > now || due >= measure_until)
            break;
          conn->due++;
          next_g++;
          if (!conn->busy)
            rate_send (conn, request, request_length);
        }

      for (int i = 0; i < opt_connections && idle; i++)
        idle = !conns[i].busy && conns[i].due == conns[i].sent;
      if (idle && now >= measure_until)
        break;
      if (now > give_up)
        g_error ("The fixed-rate reads did not finish");

      {
        RateConn *conn = &conns[next_g % opt_connections];
        gint64 due = rate_due_ns (start, rate, opt_connections, conn->index, conn->due);
        struct itimerspec when = { 0 };

        if (due < measure_until)
          {
            when.it_value.tv_sec = due / NS_PER_S;
            when.it_value.tv_nsec = due % NS_PER_S;
          }
        else
          when.it_value.tv_sec = give_up / NS_PER_S;
        timerfd_settime (timer_fd, TFD_TIMER_ABSTIME, &when, NULL);
      }

      n = epoll_wait (epoll_fd, events, MAX_EVENTS, 1000);
      for (int e = 0; e < n; e++)
        {
          RateConn *conn = events[e].data.ptr;
          ssize_t got;
          guint status;
          gsize length, body_start;

          if (conn == NULL)
            {
              guint64 expirations;

              if (read (timer_fd, &expirations, sizeof expirations) < 0 && errno != EAGAIN)
                g_error ("timerfd: %s", g_strerror (errno));
              continue;
            }

          got = read (conn->fd, chunk, sizeof chunk);
          if (got <= 0)
            {
              if (got < 0 && errno == EAGAIN)
                continue;
              g_error ("The server closed a connection of the fixed-rate reads");
            }
          g_byte_array_append (conn->buffer, (guint8 *) chunk, got);

          while (conn->busy &&
                 http_response_complete (conn->buffer, &status, &length, &body_start))
            {
              gint64 done = now_ns ();
              gint64 due = rate_due_ns (start, rate, opt_connections, conn->index,
                                        conn->sent - 1);

              g_byte_array_remove_range (conn->buffer, 0, length);
              conn->busy = FALSE;
              if (due >= measure_from)
                {
                  gint64 latency = done - due;

                  if (status == 200)
                    {
                      g_array_append_val (latencies, latency);
                      completed++;
                    }
                  else
                    errors++;
                }
              if (conn->due > conn->sent)
                {
                  late++;
                  rate_send (conn, request, request_length);
                }
            }
        }
    }

  read_result_finish (result, server, label, rate, latencies, completed, errors, cpu_before,
                      client_before, machine_before);
  if (late > 0)
    g_debug ("%" G_GUINT64_FORMAT " requests waited for their connection", late);

  for (int i = 0; i < opt_connections; i++)
    {
      close (conns[i].fd);
      g_byte_array_unref (conns[i].buffer);
    }
  g_free (conns);
  close (timer_fd);
  close (epoll_fd);
}

/* 2. and 3. WebSocket clients. */

typedef enum
{
  WS_CONNECTING,
  WS_HANDSHAKE,
  WS_OPEN,
  WS_FAILED,
} WsState;

typedef struct
{
  int         fd;
  WsState     state;
  GByteArray *buffer;
  gint64      started_ns;
  gint64      open_ns;
  guint       tickets;   /* ticket.issued frames received */
  gint64     *arrivals;  /* per event, when it came */
  z_stream   *inflater;  /* with --deflate */
} WsClient;

typedef struct
{
  WsClient *clients;
  int       n_clients;
  int       epoll_fd;
  int       n_open;
  int       n_failed;
  guint     frames;
  guint     pings;
  char     *handshake;
} WsBench;

static void
ws_fail (WsBench  *bench,
         WsClient *client)
{
  if (client->state == WS_FAILED)
    return;
  if (client->state == WS_OPEN)
    bench->n_open--;
  client->state = WS_FAILED;
  bench->n_failed++;
  epoll_ctl (bench->epoll_fd, EPOLL_CTL_DEL, client->fd, NULL);
  close (client->fd);
  client->fd = -1;
}

/* A masked frame from the client, as RFC 6455 wants. */
static void
ws_send_pong (WsClient     *client,
              const guint8 *payload,
              gsize         length)
{
  guint8 frame[2 + 4 + 125];
  const guint8 mask[4] = { 0x12, 0x34, 0x56, 0x78 };

  length = MIN (length, 125);
  frame[0] = 0x8a;
  frame[1] = 0x80 | length;
  memcpy (frame + 2, mask, 4);
  for (gsize i = 0; i < length; i++)
    frame[6 + i] = payload[i] ^ mask[i % 4];
  write_all (client->fd, (char *) frame, 6 + length);
}

/* A permessage-deflate message (RFC 7692): raw deflate, ended by a sync
 * flush whose last four bytes the sender left out. The window carries
 * over from one message to the next.
 */
static const char *
ws_inflate (WsClient     *client,
            const guint8 *payload,
            gsize         length,
            guint8       *out,
            gsize         out_size,
            gsize        *out_length)
{
  static const guint8 tail[4] = { 0x00, 0x00, 0xff, 0xff };
  z_stream *z;

  if (client->inflater == NULL)
    {
      client->inflater = g_new0 (z_stream, 1);
      if (inflateInit2 (client->inflater, -15) != Z_OK)
        return NULL;
    }

  z = client->inflater;
  z->next_out = out;
  z->avail_out = out_size;
  z->next_in = (guint8 *) payload;
  z->avail_in = length;
  if (inflate (z, Z_SYNC_FLUSH) < Z_OK)
    return NULL;
  z->next_in = (guint8 *) tail;
  z->avail_in = sizeof tail;
  if (inflate (z, Z_SYNC_FLUSH) < Z_OK && z->avail_out > 0)
    return NULL;

  *out_length = out_size - z->avail_out;
  return (const char *) out;
}

static void
ws_parse_frames (WsBench  *bench,
                 WsClient *client,
                 gint64    now)
{
  static const char ticket_issued[] = "\"type\":\"ticket.issued\"";

  for (;;)
    {
      guint8 *data = client->buffer->data;
      gsize have = client->buffer->len;
      guint64 length;
      gsize header = 2;
      int opcode;

      if (have < 2)
        return;
      opcode = data[0] & 0x0f;
      length = data[1] & 0x7f;
      if (length == 126)
        {
          if (have < 4)
            return;
          length = ((guint64) data[2] << 8) | data[3];
          header = 4;
        }
      else if (length == 127)
        {
          if (have < 10)
            return;
          length = 0;
          for (int i = 0; i < 8; i++)
            length = (length << 8) | data[2 + i];
          header = 10;
        }
      if (have < header + length)
        return;

      if (opcode == 0x1)
        {
          const char *text = (const char *) data + header;
          gsize text_length = length;
          static guint8 inflated[1 << 20];

          bench->frames++;
          if ((data[0] & 0x40) != 0)
            {
              text = ws_inflate (client, data + header, length, inflated, sizeof inflated,
                                 &text_length);
              if (text == NULL)
                {
                  ws_fail (bench, client);
                  return;
                }
            }
          if (g_strstr_len (text, text_length, ticket_issued) != NULL)
            {
              if (client->tickets < (guint) opt_events)
                client->arrivals[client->tickets] = now;
              client->tickets++;
            }
        }
      else if (opcode == 0x9)
        {
          bench->pings++;
          ws_send_pong (client, data + header, length);
        }
      else if (opcode == 0x8)
        {
          ws_fail (bench, client);
          return;
        }

      g_byte_array_remove_range (client->buffer, 0, header + length);
    }
}

static void
ws_handle (WsBench            *bench,
           WsClient           *client,
           struct epoll_event *event,
           gint64              now)
{
  char chunk[READ_CHUNK];

  if (client->state == WS_CONNECTING)
    {
      struct epoll_event ev = { .events = EPOLLIN, .data.ptr = client };
      int error = 0;
      socklen_t size = sizeof error;

      if ((event->events & (EPOLLERR | EPOLLHUP)) != 0 ||
          getsockopt (client->fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0 || error != 0 ||
          !write_all (client->fd, bench->handshake, strlen (bench->handshake)))
        {
          ws_fail (bench, client);
          return;
        }
      client->state = WS_HANDSHAKE;
      epoll_ctl (bench->epoll_fd, EPOLL_CTL_MOD, client->fd, &ev);
      return;
    }

  for (;;)
    {
      ssize_t got = read (client->fd, chunk, sizeof chunk);

      if (got < 0 && errno == EAGAIN)
        break;
      if (got <= 0)
        {
          ws_fail (bench, client);
          return;
        }
      g_byte_array_append (client->buffer, (guint8 *) chunk, got);
      if (got < (ssize_t) sizeof chunk)
        break;
    }

  if (client->state == WS_HANDSHAKE)
    {
      const char *data = (const char *) client->buffer->data;
      const char *end = g_strstr_len (data, client->buffer->len, "\r\n\r\n");

      if (end == NULL)
        return;
      if (client->buffer->len < 12 || strncmp (data, "HTTP/1.1 101", 12) != 0)
        {
          ws_fail (bench, client);
          return;
        }
      g_byte_array_remove_range (client->buffer, 0, end - data + 4);
      client->state = WS_OPEN;
      client->open_ns = now;
      bench->n_open++;
    }

  ws_parse_frames (bench, client, now);
}

/* Runs the epoll loop once, for at most @timeout_ms. */
static void
ws_poll (WsBench *bench,
         int      timeout_ms)
{
  struct epoll_event events[MAX_EVENTS];
  int n = epoll_wait (bench->epoll_fd, events, MAX_EVENTS, timeout_ms);
  gint64 now = now_ns ();

  for (int e = 0; e < n; e++)
    ws_handle (bench, events[e].data.ptr, &events[e], now);
}

typedef struct
{
  double  all_open_s;
  double  connect_p50, connect_p95, connect_max;
  int     failed;
  int     opened;
  double  server_cpu;
} ConnectResult;

static void
bench_connect (Server        *server,
               WsBench       *bench,
               char         **tokens,
               ConnectResult *result)
{
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start = now_ns ();
  gint64 deadline = start + CONNECT_TIMEOUT_S * NS_PER_S;
  gint64 last_open = start;
  double cpu_before = server_cpu_s (server);
  guint n_tokens = g_strv_length (tokens);
  g_autofree char **handshakes = g_new0 (char *, n_tokens + 1);

  /* One handshake text per token; the key need not be random here. */
  for (guint i = 0; i < n_tokens; i++)
    handshakes[i] = g_strdup_printf ("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                     "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                     "Sec-WebSocket-Version: 13\r\n%s"
                                     "Authorization: Bearer %s\r\n\r\n",
                                     server->port,
                                     opt_deflate
                                       ? "Sec-WebSocket-Extensions: permessage-deflate\r\n"
                                       : "",
                                     tokens[i]);

  bench->epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  bench->clients = g_new0 (WsClient, bench->n_clients);
  for (int i = 0; i < bench->n_clients; i++)
    {
      WsClient *client = &bench->clients[i];
      struct epoll_event ev = { .events = EPOLLOUT, .data.ptr = client };

      client->buffer = g_byte_array_new ();
      client->arrivals = g_new0 (gint64, MAX (opt_events, 1));
      client->started_ns = now_ns ();
      client->fd = socket_connect (server->port, FALSE);
      if (client->fd < 0)
        {
          client->state = WS_FAILED;
          bench->n_failed++;
          continue;
        }
      epoll_ctl (bench->epoll_fd, EPOLL_CTL_ADD, client->fd, &ev);
    }

  /* All clients share the handshake of their token; connecting ones are
   * told which when they become writable.
   */
  while (bench->n_open + bench->n_failed < bench->n_clients && now_ns () < deadline)
    {
      struct epoll_event events[MAX_EVENTS];
      int n = epoll_wait (bench->epoll_fd, events, MAX_EVENTS, 100);
      gint64 now = now_ns ();

      for (int e = 0; e < n; e++)
        {
          WsClient *client = events[e].data.ptr;
          gboolean was_open = client->state == WS_OPEN;

          bench->handshake = handshakes[(client - bench->clients) % n_tokens];
          ws_handle (bench, client, &events[e], now);
          if (!was_open && client->state == WS_OPEN)
            last_open = now;
        }
    }
  bench->handshake = NULL;

  for (int i = 0; i < bench->n_clients; i++)
    {
      WsClient *client = &bench->clients[i];

      if (client->state == WS_OPEN)
        {
          gint64 latency = client->open_ns - client->started_ns;
          g_array_append_val (latencies, latency);
        }
      else if (client->state != WS_FAILED)
        ws_fail (bench, client);
    }

  result->server_cpu = server_cpu_s (server) - cpu_before;
  g_array_sort (latencies, compare_gint64);
  result->all_open_s = (last_open - start) / (double) NS_PER_S;
  result->connect_p50 = quantile_ms (latencies, 0.50);
  result->connect_p95 = quantile_ms (latencies, 0.95);
  result->connect_max = quantile_ms (latencies, 1.0);
  result->opened = bench->n_open;
  result->failed = bench->n_failed;

  for (guint i = 0; i < n_tokens; i++)
    g_free (handshakes[i]);
}

typedef struct
{
  double p50, p95, p99, max;          /* POST sent -> each client's receipt */
  double all_p50, all_p95, all_max;   /* POST sent -> the last client's receipt */
  int    events;
  int    missed;
  double server_cpu;
} FanoutResult;

static void
bench_fanout (Server       *server,
              WsBench      *bench,
              const char   *token,
              FanoutResult *result)
{
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  int control = socket_connect (server->port, TRUE);
  double cpu_before = server_cpu_s (server);
  int done_events = 0;

  result->missed = 0;
  for (int round = 0; round < opt_events; round++)
    {
      g_autofree char *answer = NULL;
      gint64 deadline;
      gint64 sent;
      gint64 last = 0;
      guint status = 0;
      gboolean complete = FALSE;

      /* Let the previous event settle. */
      ws_poll (bench, 20);

      sent = now_ns ();
      deadline = sent + EVENT_TIMEOUT_S * NS_PER_S;
      {
        g_autofree char *request = NULL;
        const char *body = "{\"service\":\"consultation\"}";

        request = g_strdup_printf ("POST /api/v1/offices/7604/tickets HTTP/1.1\r\n"
                                   "Host: 127.0.0.1:%u\r\nAuthorization: Bearer %s\r\n"
                                   "Content-Type: application/json\r\n"
                                   "Content-Length: %zu\r\n\r\n%s",
                                   server->port, token, strlen (body), body);
        if (!write_all (control, request, strlen (request)))
          g_error ("write: %s", g_strerror (errno));
      }

      while (!complete && now_ns () < deadline)
        {
          complete = TRUE;
          ws_poll (bench, 10);
          for (int i = 0; i < bench->n_clients; i++)
            {
              WsClient *client = &bench->clients[i];

              if (client->state == WS_OPEN && client->tickets <= (guint) round)
                {
                  complete = FALSE;
                  break;
                }
            }
        }

      /* The answer to the POST waited in the socket meanwhile. */
      {
        g_autoptr(GByteArray) buffer = g_byte_array_new ();
        gsize length, body_start;
        char chunk[4096];

        while (!http_response_complete (buffer, &status, &length, &body_start))
          {
            ssize_t n = read (control, chunk, sizeof chunk);

            if (n <= 0)
              g_error ("The server closed the control connection");
            g_byte_array_append (buffer, (guint8 *) chunk, n);
          }
        if (status != 201)
          g_error ("POST ticket: HTTP %u: %.*s", status, (int) (length - body_start),
                   (char *) buffer->data + body_start);
      }

      for (int i = 0; i < bench->n_clients; i++)
        {
          WsClient *client = &bench->clients[i];
          gint64 latency;

          if (client->state != WS_OPEN || client->tickets <= (guint) round)
            {
              result->missed++;
              continue;
            }
          latency = client->arrivals[round] - sent;
          last = MAX (last, latency);
          g_array_append_val (latencies, latency);
        }
      g_array_append_val (all, last);
      done_events++;
    }

  close (control);
  result->server_cpu = server_cpu_s (server) - cpu_before;
  g_array_sort (latencies, compare_gint64);
  g_array_sort (all, compare_gint64);
  result->events = done_events;
  result->p50 = quantile_ms (latencies, 0.50);
  result->p95 = quantile_ms (latencies, 0.95);
  result->p99 = quantile_ms (latencies, 0.99);
  result->max = quantile_ms (latencies, 1.0);
  result->all_p50 = quantile_ms (all, 0.50);
  result->all_p95 = quantile_ms (all, 0.95);
  result->all_max = quantile_ms (all, 1.0);
}

static void
print_read (const ReadResult *r)
{
  g_print ("  %-34s %8.0f req/s  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %7.2f ms"
           "\n  %-34s (%" G_GUINT64_FORMAT " ok, %" G_GUINT64_FORMAT " errors;"
           " CPU, %% of one core: server %.0f, this client %.0f, kernel and others %.0f)\n",
           r->label, r->rps, r->p50, r->p95, r->p99, r->max, "", r->requests, r->errors,
           r->server_cpu * 100, r->client_cpu * 100, MAX (r->other_cpu, 0) * 100);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- load pst-server on loopback");
  g_autoptr(GError) error = NULL;
  Server server = { 0 };
  WsBench bench = { 0 };
  ReadResult reads[4] = { { 0 } };
  ReadResult at_rate[3] = { { 0 } };
  g_autofree char *ticket = NULL;
  g_autofree char *ticket_path = NULL;
  gboolean reads_met;
  ConnectResult connect = { 0 };
  FanoutResult fanout = { 0 };
  g_autofree char *officer = NULL;
  g_auto(GStrv) tokens = NULL;
  double rss_before;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pst-bench: %s\n", error->message);
      return 2;
    }
  if (opt_connections < 1 || opt_clients < 1 || opt_events < 0 || opt_duration <= 0 ||
      opt_tickets < 0 || opt_tickets > 500 || opt_workers < 1 || opt_workers > 64 ||
      opt_port < 0 || opt_port > 65535 || opt_rate < 0 || opt_rate > 1000000 ||
      opt_connections > 10000 || opt_clients > 20000 || opt_events > 10000 || opt_duration > 600)
    {
      g_printerr ("pst-bench: out-of-range option\n");
      return 2;
    }

  signal (SIGPIPE, SIG_IGN);
  raise_file_limit ();

  g_print ("pst-bench: starting pst-server --demo on 127.0.0.1 (request log %s, %d worker%s)\n",
           opt_log_requests ? "on" : "off", opt_workers, opt_workers == 1 ? "" : "s");
  if (opt_port > 0)
    {
      server.port = (guint16) opt_port;
      server.pid = opt_pids != NULL && opt_pids[0] != NULL ? atoi (opt_pids[0]) : 0;
    }
  else
    server_start (&server);

  officer = login (server.port, "petugas1.7604");
  tokens = g_new0 (char *, 5);
  tokens[0] = g_strdup (officer);
  tokens[1] = login (server.port, "petugas2.7604");
  tokens[2] = login (server.port, "spv.7604");
  tokens[3] = login (server.port, "admin");

  /* A queue in mid-morning, so the list has something in it. */
  ticket = issue_tickets (server.port, officer, MAX (opt_tickets, 1));
  ticket_path = g_strconcat ("/api/v1/tickets/", ticket, NULL);

  g_print ("\n1. Reads: %d keep-alive connections, %.0f s each after %.0f s warm-up"
           " (the queue holds %d tickets)\n",
           opt_connections, opt_duration, opt_warmup, opt_tickets);
  bench_reads (&server, "GET /api/v1/offices/7604/tickets", "/api/v1/offices/7604/tickets",
               officer, &reads[0]);
  print_read (&reads[0]);
  bench_reads (&server, "GET /api/v1/me", "/api/v1/me", officer, &reads[1]);
  print_read (&reads[1]);
  bench_reads (&server, "GET /api/v1/tickets/{id}", ticket_path, officer, &reads[3]);
  print_read (&reads[3]);
  bench_reads (&server, "GET /healthz (no token, no db)", "/healthz", NULL, &reads[2]);
  print_read (&reads[2]);

  if (opt_rate > 0)
    {
      g_print ("\n1b. The same reads at a fixed rate: %d req/s offered over %d connections,"
               " latency from when each request was due\n", opt_rate, opt_connections);
      bench_reads_at_rate (&server, "GET /api/v1/me", "/api/v1/me", officer, opt_rate,
                           &at_rate[0]);
      print_read (&at_rate[0]);
      bench_reads_at_rate (&server, "GET /api/v1/tickets/{id}", ticket_path, officer, opt_rate,
                           &at_rate[2]);
      print_read (&at_rate[2]);
      bench_reads_at_rate (&server, "GET /healthz (no token, no db)", "/healthz", NULL,
                           opt_rate, &at_rate[1]);
      print_read (&at_rate[1]);
    }

  g_print ("\n2. %d WebSocket clients connecting at once"
           " (GET /api/v1/events, 4 tokens of 7604%s)\n",
           opt_clients, opt_deflate ? ", permessage-deflate" : ", no extension");
  bench.n_clients = opt_clients;
  rss_before = server_rss_mib (&server);
  bench_connect (&server, &bench, tokens, &connect);
  g_print ("  all open after %.3f s; %d open, %d failed; per client p50 %.1f ms  p95 %.1f ms"
           "  max %.1f ms\n  (server CPU %.2f s; server memory %.0f MiB before, %.0f MiB after)\n",
           connect.all_open_s, connect.opened, connect.failed, connect.connect_p50,
           connect.connect_p95, connect.connect_max, connect.server_cpu, rss_before,
           server_rss_mib (&server));

  if (opt_events > 0)
    {
      g_print ("\n3. Fan-out: %d tickets POSTed one after the other, each to %d clients\n",
               opt_events, connect.opened);
      bench_fanout (&server, &bench, officer, &fanout);
      g_print ("  POST sent -> each client's receipt: p50 %.1f ms  p95 %.1f ms  p99 %.1f ms"
               "  max %.1f ms\n", fanout.p50, fanout.p95, fanout.p99, fanout.max);
      g_print ("  POST sent -> the last client's receipt: p50 %.1f ms  p95 %.1f ms  max %.1f ms\n",
               fanout.all_p50, fanout.all_p95, fanout.all_max);
      g_print ("  %d events, %d receipts missing, %u frames, %u pings (server CPU %.2f s;"
               " memory %.0f MiB)\n",
               fanout.events, fanout.missed, bench.frames, bench.pings, fanout.server_cpu,
               server_rss_mib (&server));
    }

  for (int i = 0; i < bench.n_clients; i++)
    {
      if (bench.clients[i].fd >= 0)
        close (bench.clients[i].fd);
      g_byte_array_unref (bench.clients[i].buffer);
      g_free (bench.clients[i].arrivals);
      if (bench.clients[i].inflater != NULL)
        inflateEnd (bench.clients[i].inflater);
      g_free (bench.clients[i].inflater);
    }
  g_free (bench.clients);
  if (bench.epoll_fd > 0)
    close (bench.epoll_fd);

  if (opt_port == 0)
    server_stop (&server);

  /* The read target: 10,000 req/s and a p95 under 10 ms at that load. The
   * closed loop gives the most the server answers; its latency is C over
   * the throughput (Little's law) and so says how many connections wait,
   * not how long a request takes at 10,000 req/s: the fixed rate does.
   */
  reads_met = reads[1].rps >= 10000 && opt_rate >= 10000 &&
              at_rate[0].rps >= 0.99 * opt_rate && at_rate[0].errors == 0 &&
              at_rate[0].p95 < 10;
  g_print ("\nTargets: GET /me >= 10000 req/s (closed loop %.0f) with p95 < 10 ms at %d req/s"
           " (p95 %.2f ms): %s; %d connects with none failing: %s;"
           " fan-out p95 < 100 ms: %s\n"
           "One ticket (GET /tickets/{id}, read from sqlite): %.0f req/s in a closed loop;"
           " p95 %.2f ms at %d req/s.\n"
           "The queue list (%d tickets) answers %.0f req/s in a closed loop, p95 %.1f ms.\n",
           reads[1].rps, opt_rate, at_rate[0].p95, reads_met ? "met" : "MISSED",
           opt_clients, connect.failed == 0 && connect.opened == opt_clients ? "met" : "MISSED",
           opt_events == 0 ? "not run" :
           fanout.p95 < 100 && fanout.missed == 0 ? "met" : "MISSED",
           reads[3].rps, at_rate[2].p95, opt_rate,
           opt_tickets, reads[0].rps, reads[0].p95);

  return connect.failed == 0 && fanout.missed == 0 ? 0 : 1;
}
