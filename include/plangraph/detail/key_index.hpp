#pragma once
// Maps the string ids of the input to dense indices, with lookups by string_view (no copies).
//
// An open-addressing table (linear probing, at most half full) of 24-byte slots holding the
// key's full hash, where its characters sit in one shared buffer, and the index. The node-based
// std::unordered_map it replaces allocated a node and a string per key and freed them one by
// one; here an insert is one probe into a flat array plus an append. A large table asks Linux
// for huge pages, since each probe of a 10M-key table misses the TLB as well as the cache.
// Generating 10M tasks went from 12.7 s to 8.3–10.7 s (benchmarks/README.md). The keys are copied
// into the buffer rather than viewed in the model's rows: those move when their vectors grow.
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace plangraph::detail {

/// Blocks of 2 MiB and more are 2 MiB-aligned and advised as huge pages on Linux; smaller
/// ones, and every block elsewhere, come from operator new.
template <class T>
struct huge_page_allocator {
    using value_type = T;
    static constexpr std::size_t huge = std::size_t(1) << 21;

    huge_page_allocator() = default;
    template <class U>
    huge_page_allocator(const huge_page_allocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        const std::size_t bytes = n * sizeof(T);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (bytes >= huge) {
            const std::size_t rounded = (bytes + huge - 1) & ~(huge - 1);
            void* p = std::aligned_alloc(huge, rounded);
            if (!p) throw std::bad_alloc();
            ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure changes nothing
            return static_cast<T*>(p);
        }
#endif
        return static_cast<T*>(::operator new(bytes));
    }
    void deallocate(T* p, std::size_t n) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (n * sizeof(T) >= huge) return std::free(p);
#else
        (void)n;
#endif
        ::operator delete(p);
    }
    template <class U>
    bool operator==(const huge_page_allocator<U>&) const noexcept { return true; }
};

class key_index {
public:
    std::optional<std::uint32_t> find(std::string_view key) const {
        if (slots_.empty()) return std::nullopt;
        const auto h = hash(key);
        for (std::size_t i = home(h); ; i = (i + 1) & mask()) {
            const slot& s = slots_[i];
            if (s.hash == empty) return std::nullopt;
            if (s.hash == h && key_of(s) == key) return s.value;
        }
    }
    bool contains(std::string_view key) const { return find(key).has_value(); }

    /// Adds key → index; false (and no change) when the key is already there.
    bool insert(const std::string& key, std::uint32_t index) {
        if (2 * (used_ + erased_ + 1) > slots_.size()) grow(used_ + 1);
        const auto h = hash(key);
        std::size_t reuse = slots_.size();
        std::size_t i = home(h);
        for (; slots_[i].hash != empty; i = (i + 1) & mask()) {
            if (slots_[i].hash == erased && reuse == slots_.size()) reuse = i;
            if (slots_[i].hash == h && key_of(slots_[i]) == key) return false;
        }
        if (reuse != slots_.size()) i = reuse, --erased_;
        slots_[i] = {h, chars_.size(), static_cast<std::uint32_t>(key.size()), index};
        chars_.append(key);
        ++used_;
        return true;
    }

    void erase(std::string_view key) {
        if (slots_.empty()) return;
        const auto h = hash(key);
        for (std::size_t i = home(h); slots_[i].hash != empty; i = (i + 1) & mask()) {
            if (slots_[i].hash == h && key_of(slots_[i]) == key) {
                slots_[i].hash = erased;  // the probe chains through it stay intact
                --used_, ++erased_;
                return;
            }
        }
    }

    void reserve(std::size_t n) {
        if (2 * n > slots_.size()) grow(n);
    }

    /// The same keys mapped to the same indices (layout and order aside).
    bool operator==(const key_index& o) const {
        if (used_ != o.used_) return false;
        for (const slot& s : slots_)
            if (s.hash != empty && s.hash != erased && o.find(key_of(s)) != s.value) return false;
        return true;
    }

private:
    struct slot {
        std::uint64_t hash = 0;      // the key's hash, odd; 0 = empty, 2 = erased
        std::uint64_t offset = 0;    // where the key starts in chars_
        std::uint32_t length = 0;
        std::uint32_t value = 0;
    };
    static constexpr std::uint64_t empty = 0, erased = 2;

    static std::uint64_t hash(std::string_view key) { return std::hash<std::string_view>{}(key) | 1u; }
    std::size_t mask() const { return slots_.size() - 1; }
    /// The first slot probed (the hash's low bit is the always-set marker).
    std::size_t home(std::uint64_t h) const { return (h >> 1) & mask(); }
    std::string_view key_of(const slot& s) const { return {chars_.data() + s.offset, s.length}; }

    /// Rebuilds for at least `n` keys: a power-of-two table at most half full, erased slots and
    /// their characters dropped.
    void grow(std::size_t n) {
        std::size_t capacity = 16;
        while (capacity < 2 * n) capacity *= 2;
        std::vector<slot, huge_page_allocator<slot>> old(capacity);
        old.swap(slots_);
        std::string old_chars;
        old_chars.swap(chars_);
        chars_.reserve(old_chars.size());
        for (const slot& s : old) {
            if (s.hash == empty || s.hash == erased) continue;
            std::size_t i = home(s.hash);
            while (slots_[i].hash != empty) i = (i + 1) & mask();
            slots_[i] = {s.hash, chars_.size(), s.length, s.value};
            chars_.append(old_chars, s.offset, s.length);
        }
        erased_ = 0;
    }

    std::vector<slot, huge_page_allocator<slot>> slots_;
    std::string chars_;  // every key's characters, back to back
    std::size_t used_ = 0, erased_ = 0;
};

}  // namespace plangraph::detail
