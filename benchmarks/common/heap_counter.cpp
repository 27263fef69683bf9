// Counts the live heap bytes of the process by replacing the global operator new/delete, so a
// benchmark can report the peak memory its own structures take (the shared model excluded).
// Linked into every benchmark executable as an object file (a static library would not be pulled in).
#include "bench_common.hpp"

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<std::size_t> live{0};
std::atomic<std::size_t> peak{0};

void note_allocated(void* p) {
    const auto now = live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed) + malloc_usable_size(p);
    auto high = peak.load(std::memory_order_relaxed);
    while (now > high && !peak.compare_exchange_weak(high, now, std::memory_order_relaxed)) {
    }
}

void* allocate(std::size_t n) {
    void* p = std::malloc(n ? n : 1);
    if (!p) throw std::bad_alloc();
    note_allocated(p);
    return p;
}

void release(void* p) noexcept {
    if (!p) return;
    live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
    std::free(p);
}
}  // namespace

namespace plangraph_bench {
std::size_t heap_live_bytes() { return live.load(std::memory_order_relaxed); }
std::size_t heap_peak_bytes() { return peak.load(std::memory_order_relaxed); }
void reset_heap_peak() { peak.store(live.load(std::memory_order_relaxed), std::memory_order_relaxed); }
}  // namespace plangraph_bench

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
