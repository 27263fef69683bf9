#pragma once
// Allocators for large arrays read at random (a key index's slots, the model's task columns):
// on Linux, where transparent huge pages are often given only on request, they ask for them,
// since each random access to an array of tens of megabytes misses the TLB as well as the cache.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace plangraph::detail {

inline constexpr std::size_t huge_page = std::size_t(1) << 21;

/// Blocks of 2 MiB and more are 2 MiB-aligned and advised as huge pages on Linux; smaller
/// ones, and every block elsewhere, come from operator new.
template <class T>
struct huge_page_allocator {
    using value_type = T;

    huge_page_allocator() = default;
    template <class U>
    huge_page_allocator(const huge_page_allocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        const std::size_t bytes = n * sizeof(T);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (bytes >= huge_page) {
            const std::size_t rounded = (bytes + huge_page - 1) & ~(huge_page - 1);
            void* p = std::aligned_alloc(huge_page, rounded);
            if (!p) throw std::bad_alloc();
            ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure changes nothing
            return static_cast<T*>(p);
        }
#endif
        return static_cast<T*>(::operator new(bytes));
    }
    void deallocate(T* p, std::size_t n) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (n * sizeof(T) >= huge_page) return std::free(p);
#else
        (void)n;
#endif
        ::operator delete(p);
    }
    template <class U>
    bool operator==(const huge_page_allocator<U>&) const noexcept { return true; }
};

/// Advises the whole 2 MiB pages of [p, p + bytes) as huge pages on Linux (advice only:
/// failure, or another system, changes nothing).
inline void advise_huge_pages([[maybe_unused]] const void* p, [[maybe_unused]] std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const auto first = reinterpret_cast<std::uintptr_t>(p);
    const auto begin = (first + huge_page - 1) & ~(huge_page - 1);
    const auto end = (first + bytes) & ~(huge_page - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

/// Blocks from operator new whose whole 2 MiB pages are advised as huge pages on Linux: no
/// rounding up, so a column costs its bytes (the model's memory per task is a budget).
template <class T>
struct huge_page_advice {
    using value_type = T;

    huge_page_advice() = default;
    template <class U>
    huge_page_advice(const huge_page_advice<U>&) noexcept {}

    T* allocate(std::size_t n) {
        T* p = static_cast<T*>(::operator new(n * sizeof(T)));
        advise_huge_pages(p, n * sizeof(T));
        return p;
    }
    void deallocate(T* p, std::size_t) noexcept { ::operator delete(p); }
    template <class U>
    bool operator==(const huge_page_advice<U>&) const noexcept { return true; }
};

}  // namespace plangraph::detail
