/*
** run.c - a whole run: one reader thread, N worker threads, and the
** caller's thread writing documents out in input order.
**
** Documents travel through a ring of W slots (W = 4N + 4).  The reader
** fills slot seq % W once the writer has emptied it, workers take queued
** slots in sequence order, and the writer waits for slot `next` to be done.
** One mutex guards the ring; three condition variables wake the reader
** (slot freed), the workers (job queued) and the writer (job done).  With
** one thread everything runs on the caller's thread, in a plain loop.
*/
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>

#include "../base/base.h"
#include "../doc/doc_int.h"
#include "engine_int.h"

enum { SLOT_EMPTY, SLOT_QUEUED, SLOT_DONE };

typedef struct slot {
    an_doc *doc;
    an_input *in;
    int state;
} slot;

typedef struct ring {
    const an_engine *eng;
    an_reader *reader;
    slot *slots;
    size_t w;                 /* number of slots */
    uint64_t nread;           /* inputs read (next seq to read) */
    uint64_t next_job;        /* next seq a worker takes */
    int reader_done;          /* no more inputs */
    int reader_rc;            /* reader failure (AN_ENOMEM) */
    int abort;                /* stop everything */
    uint64_t written;         /* next seq to write */
    uint64_t bytes;           /* bytes the reader has consumed so far */
    pthread_mutex_t mu;
    pthread_cond_t cv_reader, cv_worker, cv_writer;
} ring;

static void *reader_main(void *arg)
{
    ring *r = arg;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        while (!r->abort && r->slots[r->nread % r->w].state != SLOT_EMPTY)
            pthread_cond_wait(&r->cv_reader, &r->mu);
        int stop = r->abort;
        pthread_mutex_unlock(&r->mu);
        if (stop)
            break;
        an_input *in = NULL;
        int rc = an_reader_next(r->reader, &in);
        uint64_t bytes = an_reader_bytes(r->reader);
        pthread_mutex_lock(&r->mu);
        r->bytes = bytes;
        if (rc <= 0) {
            r->reader_done = 1;
            r->reader_rc = rc;
            pthread_cond_broadcast(&r->cv_worker);
            pthread_cond_broadcast(&r->cv_writer);
            pthread_mutex_unlock(&r->mu);
            break;
        }
        slot *s = &r->slots[r->nread % r->w];
        s->in = in;
        s->state = SLOT_QUEUED;
        r->nread++;
        pthread_cond_signal(&r->cv_worker);
        pthread_mutex_unlock(&r->mu);
    }
    return NULL;
}

typedef struct worker_arg {
    ring *r;
    an_worker *w;
} worker_arg;

static void *worker_main(void *arg)
{
    worker_arg *wa = arg;
    ring *r = wa->r;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        while (!r->abort && r->next_job == r->nread && !r->reader_done)
            pthread_cond_wait(&r->cv_worker, &r->mu);
        if (r->abort || r->next_job == r->nread) {
            pthread_mutex_unlock(&r->mu);
            break;
        }
        uint64_t seq = r->next_job++;
        slot *s = &r->slots[seq % r->w];
        an_input *in = s->in;
        s->in = NULL;
        pthread_mutex_unlock(&r->mu);

        an_worker_process(wa->w, in, s->doc);

        pthread_mutex_lock(&r->mu);
        s->state = SLOT_DONE;
        if (seq == r->written)
            pthread_cond_signal(&r->cv_writer);
        pthread_mutex_unlock(&r->mu);
    }
    return NULL;
}

static void count(an_run_stats *st, const an_doc *d)
{
    st->docs++;
    int sev = an_doc_severity(d);
    if (sev >= AN_SEV_ERROR)
        st->failed++;
    else if (sev == AN_SEV_WARNING)
        st->warned++;
    else
        st->ok++;
}

/* Single-threaded run: read, process, write, in a loop. */
static int run_inline(const an_engine *eng, an_reader *rd,
                      const an_run_opts *o, an_run_stats *st, an_err *err)
{
    an_worker *w;
    an_doc *d;
    int rc = an_worker_new(eng, &w, err);
    if (rc != AN_OK)
        return rc;
    w->skip = o->skip;
    w->skip_ctx = o->ctx;
    if (an_doc_new(&d) != AN_OK) {
        an_worker_free(w);
        return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    double t0 = an_now(), last = t0;
    for (;;) {
        an_input *in;
        int got = an_reader_next(rd, &in);
        if (got < 0) {
            rc = an_err_set(err, got, "reading input: %s", an_strerror(got));
            break;
        }
        if (got == 0)
            break;
        an_worker_process(w, in, d);
        count(st, d);
        int frc = o->fn ? o->fn(o->ctx, d) : AN_OK;
        an_doc_reset(d);
        if (frc != AN_OK) {
            rc = an_err_set(err, frc, "output failed: %s", an_strerror(frc));
            break;
        }
        double now = an_now();
        if (o->progress && now - last >= 1.0) {
            last = now;
            st->bytes = an_reader_bytes(rd);
            st->seconds = now - t0;
            o->progress(o->ctx, st);
        }
    }
    st->bytes = an_reader_bytes(rd);
    st->seconds = an_now() - t0;
    an_doc_free(d);
    an_worker_free(w);
    return rc;
}

int an_run(const an_engine *eng, an_reader *rd, const an_run_opts *opts,
           an_run_stats *st, an_err *err)
{
    an_run_opts o = *opts;
    an_run_stats dummy;
    if (!st)
        st = &dummy;
    memset(st, 0, sizeof *st);
    int n = o.threads > 0 ? o.threads : an_ncpu();
    if (n > 256)
        n = 256;
    if (n == 1)
        return run_inline(eng, rd, &o, st, err);

    ring r;
    memset(&r, 0, sizeof r);
    r.eng = eng;
    r.reader = rd;
    r.w = (size_t)n * 4 + 4;
    int rc = AN_OK;
    r.slots = calloc(r.w, sizeof *r.slots);
    worker_arg *wa = calloc((size_t)n, sizeof *wa);
    pthread_t *th = calloc((size_t)n, sizeof *th);
    if (!r.slots || !wa || !th) {
        rc = an_err_set(err, AN_ENOMEM, "out of memory");
        goto out_free;
    }
    for (size_t i = 0; i < r.w; i++) {
        if (an_doc_new(&r.slots[i].doc) != AN_OK) {
            rc = an_err_set(err, AN_ENOMEM, "out of memory");
            goto out_free;
        }
    }
    for (int i = 0; i < n; i++) {
        wa[i].r = &r;
        if ((rc = an_worker_new(eng, &wa[i].w, err)) != AN_OK)
            goto out_free;
        wa[i].w->skip = o.skip;
        wa[i].w->skip_ctx = o.ctx;
    }
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cv_reader, NULL);
    pthread_cond_init(&r.cv_worker, NULL);
    pthread_cond_init(&r.cv_writer, NULL);

    pthread_t rt;
    int started = 0;
    if (pthread_create(&rt, NULL, reader_main, &r) != 0) {
        rc = an_err_set(err, AN_ENOMEM, "cannot start a thread");
        goto out_sync;
    }
    for (; started < n; started++) {
        if (pthread_create(&th[started], NULL, worker_main, &wa[started]) != 0)
            break;
    }
    if (started == 0) {
        pthread_mutex_lock(&r.mu);
        r.abort = 1;
        pthread_cond_broadcast(&r.cv_reader);
        pthread_mutex_unlock(&r.mu);
        pthread_join(rt, NULL);
        rc = an_err_set(err, AN_ENOMEM, "cannot start worker threads");
        goto out_sync;
    }

    double t0 = an_now(), last = t0;
    for (;;) {
        pthread_mutex_lock(&r.mu);
        slot *s = &r.slots[r.written % r.w];
        while (!r.abort && s->state != SLOT_DONE &&
               !(r.reader_done && r.written == r.nread))
            pthread_cond_wait(&r.cv_writer, &r.mu);
        if (r.abort || s->state != SLOT_DONE) {
            pthread_mutex_unlock(&r.mu);
            break;
        }
        pthread_mutex_unlock(&r.mu);

        count(st, s->doc);
        int frc = o.fn ? o.fn(o.ctx, s->doc) : AN_OK;
        an_doc_reset(s->doc);

        pthread_mutex_lock(&r.mu);
        s->state = SLOT_EMPTY;
        r.written++;
        if (frc != AN_OK) {
            r.abort = 1;
            rc = an_err_set(err, frc, "output failed: %s", an_strerror(frc));
            pthread_cond_broadcast(&r.cv_worker);
        }
        pthread_cond_signal(&r.cv_reader);
        uint64_t bytes = r.bytes;
        pthread_mutex_unlock(&r.mu);
        if (frc != AN_OK)
            break;
        double now = an_now();
        if (o.progress && now - last >= 1.0) {
            last = now;
            st->bytes = bytes;
            st->seconds = now - t0;
            o.progress(o.ctx, st);
        }
    }
    pthread_mutex_lock(&r.mu);
    r.abort = 1;
    pthread_cond_broadcast(&r.cv_reader);
    pthread_cond_broadcast(&r.cv_worker);
    pthread_mutex_unlock(&r.mu);
    pthread_join(rt, NULL);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    if (rc == AN_OK && r.reader_rc < 0)
        rc = an_err_set(err, r.reader_rc, "reading input: %s",
                        an_strerror(r.reader_rc));
    st->bytes = an_reader_bytes(rd); /* the reader thread has ended */
    st->seconds = an_now() - t0;

out_sync:
    pthread_cond_destroy(&r.cv_writer);
    pthread_cond_destroy(&r.cv_worker);
    pthread_cond_destroy(&r.cv_reader);
    pthread_mutex_destroy(&r.mu);
out_free:
    if (r.slots) {
        for (size_t i = 0; i < r.w; i++) {
            an_input_free(r.slots[i].in);
            an_doc_free(r.slots[i].doc);
        }
    }
    if (wa)
        for (int i = 0; i < n; i++)
            an_worker_free(wa[i].w);
    free(r.slots);
    free(wa);
    free(th);
    return rc;
}
