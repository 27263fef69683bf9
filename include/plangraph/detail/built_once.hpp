#pragma once
// A value computed from an object's state on first use and kept until that state changes: the
// model's unit hierarchy, which rollup_units would otherwise rebuild on every call (at 100k
// tasks the rebuild cost more than the pass over the tasks). Built once even when threads ask
// together: the first pointer stored wins, and a reference handed out stays valid until the
// owner changes (reset) or dies. Copies share the built value, which is immutable.
#include <atomic>
#include <memory>

namespace plangraph::detail {

template <class T>
class built_once {
public:
    built_once() = default;
    built_once(const built_once& o) noexcept : value_(o.value_.load()) {}
    built_once(built_once&& o) noexcept : value_(o.value_.exchange(nullptr)) {}
    built_once& operator=(const built_once& o) noexcept {
        value_.store(o.value_.load());
        return *this;
    }
    built_once& operator=(built_once&& o) noexcept {
        value_.store(o.value_.exchange(nullptr));
        return *this;
    }
    ~built_once() = default;

    /// The kept value, or make()'s, kept from now on. A throwing make() keeps nothing.
    template <class Make>
    const T& get(Make make) const {
        if (auto kept = value_.load(std::memory_order_acquire)) return *kept;
        auto made = std::make_shared<const T>(make());
        std::shared_ptr<const T> expected;
        if (value_.compare_exchange_strong(expected, made, std::memory_order_acq_rel)) return *made;
        return *expected;  // another thread stored its own first; both are equal
    }
    /// Forgets the value: the state it was built from changed.
    void reset() noexcept { value_.store(nullptr, std::memory_order_release); }

private:
    mutable std::atomic<std::shared_ptr<const T>> value_;
};

}  // namespace plangraph::detail
