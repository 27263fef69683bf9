#pragma once
// A static directed graph in compressed sparse row form: out- and in-edges of a vertex are
// contiguous, edges keep the index they had in the input, so rows of edge data (links) can be
// indexed by edge. Used for task dependencies; bgl.hpp makes it a Boost.Graph graph.
//
// `digraph` is a class template with one instance and topological_order a template, their types
// spelled through detail::deferred, so that a TU that includes this header compiles their code
// only where it uses them (issue 13).
#include "detail/deferred.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <span>
#include <vector>

namespace plangraph {

template <class Defer = void>
class basic_digraph {
public:
    using vertex = std::uint32_t;
    using edge = std::uint32_t;

    basic_digraph() = default;

    /// Edge e goes from sources[e] to targets[e]; every endpoint is below `vertex_count`.
    basic_digraph(std::size_t vertex_count, std::span<const vertex> sources, std::span<const vertex> targets)
        : source_(sources.begin(), sources.end()), target_(targets.begin(), targets.end()) {
        assert(sources.size() == targets.size());
        bucket(vertex_count, source_, out_offsets_, out_edges_);
        bucket(vertex_count, target_, in_offsets_, in_edges_);
    }

    std::size_t vertex_count() const { return out_offsets_.empty() ? 0 : out_offsets_.size() - 1; }
    std::size_t edge_count() const { return source_.size(); }
    vertex source(edge e) const { return source_[e]; }
    vertex target(edge e) const { return target_[e]; }

    // Spans point into the graph: a temporary's would dangle, so those calls do not compile.
    std::span<const edge> out_edges(vertex v) const&& = delete;
    std::span<const edge> in_edges(vertex v) const&& = delete;
    std::span<const edge> out_edges(vertex v) const& {
        return {out_edges_.data() + out_offsets_[v], out_edges_.data() + out_offsets_[v + 1]};
    }
    std::span<const edge> in_edges(vertex v) const& {
        return {in_edges_.data() + in_offsets_[v], in_edges_.data() + in_offsets_[v + 1]};
    }
    std::size_t out_degree(vertex v) const { return out_offsets_[v + 1] - out_offsets_[v]; }
    std::size_t in_degree(vertex v) const { return in_offsets_[v + 1] - in_offsets_[v]; }

private:
    using array = detail::deferred_vector<std::uint32_t, Defer>;  // vertex and edge alike

    // Counting sort of edge indices by endpoint: stable, so edges keep input order per vertex.
    static void bucket(std::size_t n, const array& key, array& offsets, array& edges) {
        offsets.assign(n + 1, 0);
        for (vertex v : key) ++offsets[v + 1];
        for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
        edges.resize(key.size());
        array next(offsets.begin(), offsets.end() - 1);
        for (edge e = 0; e < key.size(); ++e) edges[next[key[e]]++] = e;
    }

    array source_, target_;
    array out_offsets_, in_offsets_;
    array out_edges_, in_edges_;
};
using digraph = basic_digraph<>;

/// A topological order, or the cycles that prevent one. A cycle is expected input, not an
/// exceptional state, so it is a result rather than an exception.
struct topological_result {
    std::vector<digraph::vertex> order;               // every vertex, sources first (when acyclic)
    std::vector<std::vector<digraph::vertex>> cycles;  // each cycle in edge direction
    bool acyclic() const { return cycles.empty(); }
};

/// Kahn's algorithm; on failure, one cycle per tangle of the remaining vertices, each walked
/// back along in-edges (every remaining vertex keeps a remaining predecessor).
template <class D = void>
topological_result topological_order(const detail::deferred<digraph, D>& g) {
    using array = detail::deferred_vector<std::uint32_t, D>;  // vertex and count alike
    const std::size_t n = g.vertex_count();
    detail::deferred<topological_result, D> r;
    r.order.reserve(n);
    array indegree(n);
    for (digraph::vertex v = 0; v < n; ++v) {
        indegree[v] = static_cast<std::uint32_t>(g.in_degree(v));
        if (indegree[v] == 0) r.order.push_back(v);
    }
    for (std::size_t head = 0; head < r.order.size(); ++head)
        for (auto e : g.out_edges(r.order[head]))
            if (--indegree[g.target(e)] == 0) r.order.push_back(g.target(e));
    if (r.order.size() == n) return r;

    // 0 = not walked, 1 = on the current walk, 2 = walked before.
    detail::deferred_vector<std::uint8_t, D> mark(n, 0);
    for (digraph::vertex start = 0; start < n; ++start) {
        if (indegree[start] == 0 || mark[start]) continue;
        array walk;
        digraph::vertex v = start;
        while (!mark[v]) {
            mark[v] = 1;
            walk.push_back(v);
            for (auto e : g.in_edges(v))
                if (indegree[g.source(e)] != 0) { v = g.source(e); break; }
        }
        if (mark[v] == 1) {  // closed a new cycle: walk holds it backwards from v
            auto from = std::find(walk.begin(), walk.end(), v);
            array cycle(from, walk.end());
            std::reverse(cycle.begin() + 1, cycle.end());
            r.cycles.push_back(std::move(cycle));
        }
        for (auto w : walk) mark[w] = 2;
    }
    return r;
}

}  // namespace plangraph
