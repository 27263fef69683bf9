#pragma once
// The graph tasks are ordered by: links, where a link into a summary task binds every leaf below
// it, plus a roll-up edge from each sub-task to its summary (a summary's dates come from its
// sub-tasks). The scheduler orders tasks by it; validation and the model look for cycles in it,
// so a model they accept always schedules. A cycle can pass through a summary without any cycle
// among the links themselves: a sub-task that waits on its own summary, or two summaries linked
// one way while their sub-tasks are linked the other.
#include "../digraph.hpp"
#include "deferred.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace plangraph::detail {

inline constexpr std::uint32_t no_task = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::uint32_t rollup_edge = std::numeric_limits<std::uint32_t>::max();

struct dependency_network {
    std::vector<digraph::vertex> source{}, target{};
    std::vector<std::uint32_t> via{};  // per edge: the link it comes from, or rollup_edge
    std::vector<std::uint8_t> is_summary{};
    std::vector<std::uint32_t> child_offsets{}, children{};  // CSR of the active sub-tasks
};

/// `parent_of(i)` gives task i's parent index or no_task; `active(i)` is false for tasks left
/// out (cancelled); `link_ends(e)` gives link e's (from, to), either may be no_task.
template <class ParentOf, class Active, class LinkEnds>
dependency_network expand_dependencies(std::size_t n, ParentOf parent_of, Active active, std::size_t link_count,
                                       LinkEnds link_ends) {
    deferred<dependency_network, ParentOf> g;
    g.is_summary.assign(n, 0);
    // Active sub-tasks of active summaries, as compressed rows.
    auto rolls_up = [&](std::size_t i) {
        auto p = parent_of(i);
        return p != no_task && active(i) && active(p);
    };
    g.child_offsets.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (rolls_up(i)) ++g.child_offsets[parent_of(i) + 1];
    for (std::size_t i = 0; i < n; ++i) g.child_offsets[i + 1] += g.child_offsets[i];
    g.children.resize(g.child_offsets[n]);
    deferred_vector<std::uint32_t, ParentOf> next(g.child_offsets.begin(), g.child_offsets.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
        if (rolls_up(i)) g.children[next[parent_of(i)]++] = static_cast<std::uint32_t>(i);
    for (std::size_t i = 0; i < n; ++i) g.is_summary[i] = g.child_offsets[i + 1] > g.child_offsets[i];
    const bool any_summary = !g.children.empty();

    auto add = [&](std::uint32_t a, std::uint32_t b, std::uint32_t via) {
        g.source.push_back(a);
        g.target.push_back(b);
        g.via.push_back(via);
    };
    g.source.reserve(link_count + g.children.size());
    g.target.reserve(link_count + g.children.size());
    g.via.reserve(link_count + g.children.size());
    // Links come in any order: looking up both ends' activity, and whether the target is a
    // summary, is a cache miss each per link on a large model, spared when no task is left out
    // or none is a summary.
    bool all_active = true;
    for (std::size_t i = 0; i < n && all_active; ++i) all_active = active(i);
    deferred_vector<std::uint32_t, ParentOf> stack;
    for (std::size_t e = 0; e < link_count; ++e) {
        auto [a, b] = link_ends(e);
        if (a == no_task || b == no_task || (!all_active && (!active(a) || !active(b)))) continue;
        const auto link = static_cast<std::uint32_t>(e);
        if (!any_summary) {
            add(a, b, link);
            continue;
        }
        stack.assign(1, b);
        while (!stack.empty()) {  // a link into a summary reaches every leaf below it
            auto v = stack.back();
            stack.pop_back();
            if (!g.is_summary[v]) add(a, v, link);
            else
                for (auto k = g.child_offsets[v]; k < g.child_offsets[v + 1]; ++k) stack.push_back(g.children[k]);
        }
    }
    for (std::uint32_t p = 0; p < n; ++p)
        for (auto k = g.child_offsets[p]; k < g.child_offsets[p + 1]; ++k) add(g.children[k], p, rollup_edge);
    return g;
}

/// The network's cycles, each as task indices in order; `via` of the closing edge is in
/// `closing_link` (rollup_edge when a roll-up closes it).
struct dependency_cycle {
    std::vector<digraph::vertex> tasks{};
    std::uint32_t closing_link = rollup_edge;
    bool through_summary = false;  // some edge of it is an expansion or a roll-up, not a plain link
    // The summaries it passes through, which need not be among `tasks`: the summary a link enters
    // (the edge goes on to a leaf below it) and the summary a roll-up edge reaches.
    std::vector<digraph::vertex> summaries{};
};

/// What a cycle through summaries adds to its message, naming them: "" for a cycle of plain links.
template <class KeyOf>
std::string through_summaries(const dependency_cycle& c, KeyOf key_of) {
    if (!c.through_summary) return {};
    std::string names;
    for (auto v : c.summaries) names += (names.empty() ? "" : ", ") + std::string(key_of(v));
    return " (through summary tasks: " + names +
           "; a link into a summary binds its sub-tasks, and a summary finishes with them)";
}

template <class LinkEnds>
std::vector<dependency_cycle> dependency_cycles(std::size_t n, const dependency_network& g, LinkEnds link_ends) {
    deferred<digraph, LinkEnds> d(n, g.source, g.target);
    auto topo = topological_order(d);
    deferred_vector<dependency_cycle, LinkEnds> out;
    for (auto& cycle : topo.cycles) {
        deferred<dependency_cycle, LinkEnds> c;
        for (std::size_t i = 0; i < cycle.size(); ++i) {
            auto a = cycle[i], b = cycle[(i + 1) % cycle.size()];
            for (auto e : d.out_edges(a)) {
                if (d.target(e) != b) continue;
                const bool rollup = g.via[e] == rollup_edge;
                const auto entered = rollup ? b : link_ends(g.via[e]).second;
                if (entered != b || rollup) {
                    c.through_summary = true;
                    if (std::find(c.summaries.begin(), c.summaries.end(), entered) == c.summaries.end())
                        c.summaries.push_back(entered);
                }
                if (i + 1 == cycle.size()) c.closing_link = g.via[e];
                break;
            }
        }
        c.tasks = std::move(cycle);
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace plangraph::detail
