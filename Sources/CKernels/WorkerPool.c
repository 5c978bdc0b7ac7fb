// A small pool of persistent worker threads for Lamina's own kernels.
//
// A recurrent loop issues thousands of short parallel sections per training
// step (a product of one time step, a fused gate pass), each worth 10–200 µs
// of work. Handing each one to a general-purpose queue costs a thread wake-up
// (a futex round trip, often 20–50 µs) per section. Here the workers stay
// awake between sections: after finishing one they poll for the next for a
// short while (SPIN_NS) before sleeping on a condition variable.
//
// Work is handed out by a single 64-bit ticket: the high 32 bits count jobs,
// the low 32 bits are the next unclaimed part of the current job. A thread
// claims part i by a compare-and-swap from (job, i) to (job, i + 1), so a
// claim succeeds only while the job still has unclaimed parts, which is
// before its submitter can return and publish another job. The submitter
// claims parts too, so when a worker is late (asleep, or descheduled on a
// shared core) the submitter simply does more of the work itself.
#include "CKernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#define MAX_WORKERS 63
#define SPIN_NS 300000L

static _Atomic uint64_t ticket;                // (job << 32) | next part
static _Atomic(lamina_part_fn) job_fn;
static _Atomic(void *) job_context;
static _Atomic uint32_t job_parts;
static _Atomic int job_helpers;                // workers allowed to join the job
static _Atomic uint32_t parts_done;
static _Atomic int sleepers;
static _Atomic int worker_count;

static pthread_mutex_t submit_lock = PTHREAD_MUTEX_INITIALIZER;   // one submitter at a time
static pthread_mutex_t sleep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static inline long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

// Claims and runs parts of the job numbered `job` until none are left.
static void work_on(uint32_t job) {
    uint64_t current = atomic_load_explicit(&ticket, memory_order_acquire);
    for (;;) {
        if ((uint32_t)(current >> 32) != job) return;
        lamina_part_fn fn = atomic_load_explicit(&job_fn, memory_order_relaxed);
        void *context = atomic_load_explicit(&job_context, memory_order_relaxed);
        uint32_t parts = atomic_load_explicit(&job_parts, memory_order_relaxed);
        uint32_t part = (uint32_t)current;
        if (part >= parts) return;
        if (atomic_compare_exchange_weak_explicit(&ticket, &current, current + 1,
                                                  memory_order_acq_rel, memory_order_acquire)) {
            fn(context, (long)part);
            atomic_fetch_add_explicit(&parts_done, 1, memory_order_release);
            current = atomic_load_explicit(&ticket, memory_order_acquire);
        }
    }
}

static void *worker_main(void *argument) {
    int index = (int)(intptr_t)argument;
    uint32_t seen = (uint32_t)(atomic_load(&ticket) >> 32);
    for (;;) {
        long idle_since = now_ns();
        uint32_t job = seen;
        for (unsigned spins = 0;; spins++) {
            job = (uint32_t)(atomic_load_explicit(&ticket, memory_order_acquire) >> 32);
            if (job != seen) break;
            cpu_relax();
            if ((spins & 255) == 255 && now_ns() - idle_since > SPIN_NS) {
                // Sleep until the next job. `sleepers` is raised before the
                // ticket is read again, and a submitter raises the ticket
                // before reading `sleepers` (both sequentially consistent),
                // so one of the two always sees the other.
                pthread_mutex_lock(&sleep_lock);
                atomic_fetch_add(&sleepers, 1);
                while ((uint32_t)(atomic_load(&ticket) >> 32) == seen) pthread_cond_wait(&wake, &sleep_lock);
                atomic_fetch_sub(&sleepers, 1);
                pthread_mutex_unlock(&sleep_lock);
                idle_since = now_ns();
            }
        }
        seen = job;
        if (index < atomic_load_explicit(&job_helpers, memory_order_relaxed)) work_on(job);
    }
    return 0;
}

static void ensure_workers(int wanted) {
    if (wanted > MAX_WORKERS) wanted = MAX_WORKERS;
    int have = atomic_load(&worker_count);
    while (have < wanted) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        int failed = pthread_create(&thread, &attributes, worker_main, (void *)(intptr_t)have);
        pthread_attr_destroy(&attributes);
        if (failed) break;
        have += 1;
        atomic_store(&worker_count, have);
    }
}

void lamina_parallel_run(long parts, int threads, lamina_part_fn fn, void *context) {
    if (parts <= 0) return;
    if (threads <= 1 || parts == 1 || parts > UINT32_MAX || pthread_mutex_trylock(&submit_lock) != 0) {
        // One thread, one part, or the pool is busy (another submitter, or a
        // part that itself splits work): run here, in order.
        for (long p = 0; p < parts; p++) fn(context, p);
        return;
    }
    ensure_workers(threads - 1);
    int helpers = atomic_load(&worker_count);
    if (helpers > threads - 1) helpers = threads - 1;
    atomic_store_explicit(&job_fn, fn, memory_order_relaxed);
    atomic_store_explicit(&job_context, context, memory_order_relaxed);
    atomic_store_explicit(&job_parts, (uint32_t)parts, memory_order_relaxed);
    atomic_store_explicit(&job_helpers, helpers, memory_order_relaxed);
    atomic_store_explicit(&parts_done, 0, memory_order_relaxed);
    uint32_t job = (uint32_t)(atomic_load(&ticket) >> 32) + 1;
    atomic_store(&ticket, (uint64_t)job << 32);
    if (atomic_load(&sleepers) > 0) {
        pthread_mutex_lock(&sleep_lock);
        pthread_cond_broadcast(&wake);
        pthread_mutex_unlock(&sleep_lock);
    }
    work_on(job);
    // Every part is claimed; wait for the ones still running elsewhere.
    for (unsigned spins = 0; atomic_load_explicit(&parts_done, memory_order_acquire) < (uint32_t)parts; spins++) {
        if (spins < 4096) cpu_relax(); else sched_yield();
    }
    pthread_mutex_unlock(&submit_lock);
}
