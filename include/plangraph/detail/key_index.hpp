#pragma once
// Maps the string ids of the input to dense indices, with lookups by string_view (no copies).
//
// An open-addressing table (linear probing, at most half full) of 8-byte slots: 32 bits of the
// key's hash and the index. The keys are not stored here: the owner keeps them (the model in its
// text arena, a draft in its rows) and passes key_of(index) to find and insert, which compare
// through it, so no key is held twice. Growing rehashes from the stored bits. The node-based
// std::unordered_map it first replaced allocated a node and a string per key; here an insert is
// one probe into a flat array. A large table asks Linux for huge pages, since each probe of a
// 10M-key table misses the TLB as well as the cache (benchmarks/README.md).
//
// A class template with one instance, `key_index`, so that a TU which includes it and never
// looks a key up does not compile the vector code its members call (issue 13, compile cost).
#include "deferred.hpp"
#include "huge_pages.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace plangraph::detail {

template <class D = void>
class basic_key_index {
public:
    /// The index of `key`, comparing candidates through key_of(index) (the owner's keys).
    template <class KeyOf>
    std::optional<std::uint32_t> find(std::string_view key, const KeyOf& key_of) const {
        if (slots_.empty()) return std::nullopt;
        const slot& s = slots_[probe(key, hash(key), key_of)];
        return s.value == empty ? std::nullopt : std::optional<std::uint32_t>(s.value);
    }
    template <class KeyOf>
    bool contains(std::string_view key, const KeyOf& key_of) const { return find(key, key_of).has_value(); }

    /// Adds key → index; false (and no change) when the key is already there. The owner keeps
    /// the key itself, where key_of finds it.
    template <class KeyOf>
    bool insert(std::string_view key, std::uint32_t index, const KeyOf& key_of) {
        if (2 * (used_ + 1) > slots_.size()) grow(used_ + 1);
        const auto h = hash(key);
        slot& s = slots_[probe(key, h, key_of)];
        if (s.value != empty) return false;
        s = {h, index};
        ++used_;
        return true;
    }

    /// Sentinel of find_all: no such key (or an empty one).
    static constexpr std::uint32_t absent = 0xFFFF'FFFF;

    /// find() of n keys, key_at(i) for i < n, into out[i] (absent when not found or empty).
    /// Each key's home slot is hashed and prefetched `ahead` keys early, so the cache misses of
    /// a large table overlap instead of coming one after another (a build resolves millions).
    template <class KeyAt, class KeyOf>
    void find_all(std::size_t n, const KeyAt& key_at, const KeyOf& key_of, deferred_vector<std::uint32_t, D>& out) const {
        out.assign(n, absent);
        if (slots_.empty()) return;
        static_assert(absent == empty, "a key not found reads as absent");
        for_each_hashed(n, key_at, key_of, [&](std::size_t i, std::string_view key, std::uint32_t h) {
            out[i] = slots_[probe(key, h, key_of)].value;
        });
    }

    /// insert(key_at(i), i) for i < n in order, prefetching as find_all does; empty keys are
    /// skipped and on_duplicate(i, first) is called for a key already there (at index first).
    template <class KeyAt, class KeyOf, class OnDuplicate>
    void insert_all(std::size_t n, const KeyAt& key_at, const KeyOf& key_of, const OnDuplicate& on_duplicate) {
        reserve(used_ + n);
        for_each_hashed(n, key_at, key_of, [&](std::size_t i, std::string_view key, std::uint32_t h) {
            slot& s = slots_[probe(key, h, key_of)];
            if (s.value != empty) return on_duplicate(i, s.value);
            s = {h, static_cast<std::uint32_t>(i)};
            ++used_;
        });
    }

    /// Takes back the newest insert, of `index`, when its owner could not keep the row. Clearing
    /// its slot restores the table: no key placed earlier probes past a slot that was empty when
    /// it came. A scan, since this runs only on a failed append.
    void erase_newest(std::uint32_t index) {
        for (slot& s : slots_)
            if (s.value == index) {
                s = slot{};
                --used_;
                return;
            }
    }

    void reserve(std::size_t n) {
        if (2 * n > slots_.size()) grow(n);
    }
    std::size_t size() const { return used_; }

private:
    struct slot {
        std::uint32_t hash = 0;   // 32 bits of the key's hash: the home slot, and a filter before comparing keys
        std::uint32_t value = empty;
    };
    static constexpr std::uint32_t empty = 0xFFFF'FFFF;  // never an index: ids stop below it

    /// The slot holding `key` (hashed to h), or the empty slot where it would go. The table is
    /// not empty.
    template <class KeyOf>
    std::size_t probe(std::string_view key, std::uint32_t h, const KeyOf& key_of) const {
        std::size_t i = h & mask();
        for (; slots_[i].value != empty; i = (i + 1) & mask())
            if (slots_[i].hash == h && std::string_view(key_of(slots_[i].value)) == key) break;
        return i;
    }

    /// Calls visit(i, key, hash) for each non-empty key_at(i), i < n, in order (the table is not
    /// empty unless n is 0). Two steps
    /// ahead of the visit: the home slot of key i + ahead is prefetched, and once it has come,
    /// at i + ahead / 2, the first bytes of the key its slot names (a string's own buffer, or
    /// the text a view points into), so the visit's comparison finds both in the cache.
    template <class KeyAt, class KeyOf, class Visit>
    void for_each_hashed(std::size_t n, const KeyAt& key_at, const KeyOf& key_of, const Visit& visit) const {
        constexpr std::size_t ahead = 16;
        std::uint32_t ring[ahead];
        auto hash_at = [&](std::size_t i) {
            const std::uint32_t h = hash(key_at(i));
            prefetch(&slots_[h & mask()]);
            ring[i % ahead] = h;
        };
        auto key_of_slot = [&](std::size_t i) {
            const slot& s = slots_[ring[i % ahead] & mask()];
            if (s.value != empty) prefetch(std::string_view(key_of(s.value)).data());
        };
        for (std::size_t i = 0; i < std::min(n, ahead); ++i) hash_at(i);
        for (std::size_t i = 0; i < std::min(n, ahead / 2); ++i) key_of_slot(i);
        for (std::size_t i = 0; i < n; ++i) {
            const std::string_view key = key_at(i);
            const std::uint32_t h = ring[i % ahead];
            if (i + ahead / 2 < n) key_of_slot(i + ahead / 2);
            if (i + ahead < n) hash_at(i + ahead);
            if (!key.empty()) visit(i, key, h);
        }
    }
    static void prefetch([[maybe_unused]] const void* p) {
#if defined(__GNUC__)
        __builtin_prefetch(p);
#endif
    }

    static std::uint32_t hash(std::string_view key) {
        const std::uint64_t h = std::hash<std::string_view>{}(key);
        return static_cast<std::uint32_t>(h ^ (h >> 32));
    }
    std::size_t mask() const { return slots_.size() - 1; }

    /// Rebuilds for at least `n` keys: a power-of-two table at most half full, from the stored
    /// hash bits (no key is read again).
    void grow(std::size_t n) {
        std::size_t capacity = 16;
        while (capacity < 2 * n) capacity *= 2;
        std::vector<slot, huge_page_allocator<slot>> old(capacity);
        old.swap(slots_);
        for (const slot& s : old) {
            if (s.value == empty) continue;
            std::size_t i = s.hash & mask();
            while (slots_[i].value != empty) i = (i + 1) & mask();
            slots_[i] = s;
        }
    }

    std::vector<slot, huge_page_allocator<slot>> slots_;
    std::size_t used_ = 0;
};

using key_index = basic_key_index<>;

}  // namespace plangraph::detail
