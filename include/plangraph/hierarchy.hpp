#pragma once
// A forest stored flat: a parent array, children in compressed sparse row form, and the pre- and
// post-order of every vertex. Post-order puts children before their parent, so a bottom-up
// rollup is one linear sweep; pre-order makes every subtree a contiguous range. Types that
// would not depend on Id are spelled through detail::deferred, so a TU compiles the code only
// for the hierarchies it builds (issue 13).
#include "detail/deferred.hpp"
#include "error.hpp"
#include "ids.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace plangraph {

/// The cycles of a parent array (each listed child → parent → …), empty for a forest.
template <strong_id Id>
std::vector<std::vector<Id>> parent_cycles(std::span<const Id> parents) {
    const std::size_t n = parents.size();
    detail::deferred_vector<std::uint8_t, Id> mark(n, 0);  // 0 unseen, 1 on current walk, 2 done
    std::vector<std::vector<Id>> cycles;
    std::vector<Id> walk;
    for (std::size_t start = 0; start < n; ++start) {
        walk.clear();
        std::size_t v = start;
        while (v < n && !mark[v]) {
            mark[v] = 1;
            walk.push_back(make_id<Id>(v));
            v = index(parents[v]);  // no_id maps past the end
        }
        if (v < n && mark[v] == 1) {
            auto from = std::find(walk.begin(), walk.end(), make_id<Id>(v));
            cycles.emplace_back(from, walk.end());
        }
        for (Id w : walk) mark[index(w)] = 2;
    }
    return cycles;
}

template <strong_id Id>
class hierarchy {
public:
    hierarchy() = default;

    /// Builds the forest of `parents` (parents[i] is the parent of i, or no_id for a root).
    /// Throws cycle_error when the parents contain a cycle.
    explicit hierarchy(std::vector<Id> parents) : parent_(std::move(parents)) {
        const std::size_t n = parent_.size();
        if (auto cycles = parent_cycles<Id>(parent_); !cycles.empty()) {
            detail::deferred_vector<std::string, Id> names;
            for (Id v : cycles.front()) names.push_back(std::to_string(index(v)));
            throw cycle_error("hierarchy", std::move(names));
        }
        offsets_.assign(n + 1, 0);
        for (Id p : parent_)
            if (is_none(p)) ++root_count_; else ++offsets_[index(p) + 1];
        for (std::size_t i = 0; i < n; ++i) offsets_[i + 1] += offsets_[i];
        children_.resize(n - root_count_);
        detail::deferred_vector<std::uint32_t, Id> next(offsets_.begin(), offsets_.end() - 1);
        for (std::size_t i = 0; i < n; ++i)
            if (!is_none(parent_[i])) children_[next[index(parent_[i])]++] = make_id<Id>(i);
        orders();
    }

    std::size_t size() const { return parent_.size(); }
    Id parent(Id v) const { return parent_[index(v)]; }
    // Spans point into the hierarchy: asking a temporary for one (`m.plan_hierarchy().roots()`)
    // would dangle, so those calls do not compile. Keep the hierarchy in a variable.
    std::span<const Id> parents() const& { return parent_; }
    std::span<const Id> parents() const&& = delete;
    std::span<const Id> children(Id v) const&& = delete;
    std::span<const Id> children(Id v) const& {
        return {children_.data() + offsets_[index(v)], children_.data() + offsets_[index(v) + 1]};
    }
    bool is_leaf(Id v) const { return offsets_[index(v)] == offsets_[index(v) + 1]; }
    std::span<const Id> roots() const& { return roots_; }
    std::span<const Id> roots() const&& = delete;
    std::uint32_t depth(Id v) const { return depth_[index(v)]; }

    /// Parents before children; each subtree is the contiguous range
    /// [pre_position(v), pre_position(v) + subtree_size(v)).
    std::span<const Id> pre_order() const& { return pre_order_; }
    std::span<const Id> pre_order() const&& = delete;
    /// Children before parents: the order of a bottom-up sweep.
    std::span<const Id> post_order() const& { return post_order_; }
    std::span<const Id> post_order() const&& = delete;
    std::uint32_t pre_position(Id v) const { return pre_pos_[index(v)]; }
    std::uint32_t subtree_size(Id v) const { return subtree_size_[index(v)]; }

    /// True when `a` is `d` or one of its ancestors.
    bool contains(Id a, Id d) const {
        auto pa = pre_pos_[index(a)], pd = pre_pos_[index(d)];
        return pa <= pd && pd < pa + subtree_size_[index(a)];
    }

private:
    // One iterative depth-first walk yields both orders, depths and subtree sizes.
    void orders() {
        const std::size_t n = parent_.size();
        pre_order_.reserve(n);
        post_order_.reserve(n);
        pre_pos_.assign(n, 0);
        subtree_size_.assign(n, 1);
        depth_.assign(n, 0);
        std::vector<std::pair<Id, std::uint32_t>> stack;  // vertex, next child to visit
        for (std::size_t r = 0; r < n; ++r) {
            if (!is_none(parent_[r])) continue;
            roots_.push_back(make_id<Id>(r));
            stack.push_back({make_id<Id>(r), 0});
            enter(make_id<Id>(r));
            while (!stack.empty()) {
                auto& [v, next] = stack.back();
                auto kids = children(v);
                if (next < kids.size()) {
                    Id c = kids[next++];
                    depth_[index(c)] = depth_[index(v)] + 1;
                    enter(c);
                    stack.push_back({c, 0});
                } else {
                    Id done = v;
                    stack.pop_back();
                    post_order_.push_back(done);
                    if (!stack.empty()) subtree_size_[index(stack.back().first)] += subtree_size_[index(done)];
                }
            }
        }
    }
    void enter(Id v) {
        pre_pos_[index(v)] = static_cast<std::uint32_t>(pre_order_.size());
        pre_order_.push_back(v);
    }

    std::vector<Id> parent_;
    detail::deferred_vector<std::uint32_t, Id> offsets_;
    std::vector<Id> children_, roots_, pre_order_, post_order_;
    detail::deferred_vector<std::uint32_t, Id> pre_pos_, subtree_size_, depth_;
    std::size_t root_count_ = 0;
};

}  // namespace plangraph
