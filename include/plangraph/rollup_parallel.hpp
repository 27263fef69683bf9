#pragma once
// The parallel strategy of rollup.hpp (TBB; not in the umbrella header). The tasks are grouped by
// branch — the subtree under each root's child, a province in the national model — once, when
// the strategy is built. A rollup then runs the branches concurrently: each adds its tasks into
// its own units' rows and sweeps its subtree bottom-up (a subtree is a contiguous range of the
// post-order, and no two branches share a row). The roots' own tasks and the branches' top rows
// are merged into the roots last. Each unit's own tasks are summed exactly and the rows added in
// the same order as flat_rollup's, so the results are identical to it, bit for bit.
#include "rollup.hpp"

#include <tbb/parallel_for.h>

#include <cstdint>
#include <vector>

namespace plangraph {

class parallel_rollup {
public:
    template <class Model>
    explicit parallel_rollup(const Model& m)
        : parallel_rollup(m.unit_hierarchy(), detail::task_records(m.tasks(), [](const task_view& t, std::size_t) {
                              return static_cast<std::uint32_t>(index(t.unit));
                          })) {}
    /// On the map of a date (placement.hpp).
    template <class Model, class Map>
    parallel_rollup(const Model& m, const Map& map)
        : parallel_rollup(map.tree(), detail::task_records(m.tasks(), [&map](const task_view& t, std::size_t) {
                              return map.place(t.unit);
                          })) {}

    /// Over any tree of units, each record's owner a row of it.
    parallel_rollup(hierarchy<unit_id> tree, detail::record_vector all) : tree_(std::move(tree)) {
        const std::size_t n = tree_.size();
        std::vector<std::uint32_t> post_pos(n);
        for (std::size_t i = 0; i < n; ++i) post_pos[index(tree_.post_order()[i])] = static_cast<std::uint32_t>(i);
        // Branch of every unit: index into branches_, or top for a root.
        std::vector<std::uint32_t> branch_of(n, top);
        for (unit_id r : tree_.roots())
            for (unit_id b : tree_.children(r)) {
                auto id = static_cast<std::uint32_t>(branches_.size());
                auto last = post_pos[index(b)];
                branches_.push_back({b, last + 1 - tree_.subtree_size(b), last + 1, 0, 0});
                auto first = tree_.pre_position(b);
                for (auto i = first; i < first + tree_.subtree_size(b); ++i) branch_of[index(tree_.pre_order()[i])] = id;
            }
        // Stable grouping by branch (counting sort), roots' tasks last.
        std::vector<std::uint32_t> start(branches_.size() + 2, 0);
        auto slot = [&](const detail::task_record& r) {
            auto b = branch_of[r.owner];
            return b == top ? branches_.size() : b;
        };
        for (const auto& r : all) ++start[slot(r) + 1];
        for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
        for (std::size_t b = 0; b < branches_.size(); ++b)
            branches_[b].first_task = start[b], branches_[b].end_task = start[b + 1];
        top_tasks_ = start[branches_.size()];
        records_.resize(all.size());
        auto next = start;
        for (const auto& r : all) records_[next[slot(r)]++] = r;
    }

    std::vector<status_counts> operator()(date as_of) const {
        std::vector<status_counts> rows(tree_.size());
        std::vector<detail::exact_counts> own(tree_.size());
        const auto day = static_cast<std::int32_t>(as_of.day_number());
        const auto post = tree_.post_order();
        tbb::parallel_for(std::size_t{0}, branches_.size(), [&](std::size_t b) {
            const auto& br = branches_[b];
            for (auto i = br.first_task; i < br.end_task; ++i) detail::add(own[records_[i].owner], records_[i], day);
            for (auto i = br.first_unit; i < br.end_unit; ++i) rows[index(post[i])] = own[index(post[i])].value();
            for (auto i = br.first_unit; i + 1 < br.end_unit; ++i)  // the branch's top is merged below
                rows[index(tree_.parent(post[i]))] += rows[index(post[i])];
        });
        for (auto i = top_tasks_; i < records_.size(); ++i) detail::add(own[records_[i].owner], records_[i], day);
        for (unit_id r : tree_.roots()) rows[index(r)] = own[index(r)].value();
        for (unit_id v : post)
            if (unit_id p = tree_.parent(v); !is_none(p) && is_none(tree_.parent(p))) rows[index(p)] += rows[index(v)];
        return rows;
    }

private:
    static constexpr std::uint32_t top = static_cast<std::uint32_t>(-1);
    struct branch {
        unit_id root;
        std::uint32_t first_unit, end_unit;  // range in the post-order
        std::uint32_t first_task, end_task;  // range in records_
    };
    hierarchy<unit_id> tree_;
    std::vector<branch> branches_;
    detail::record_vector records_;
    std::size_t top_tasks_ = 0;
};

}  // namespace plangraph
