#pragma once
// Boost.Graph sees plangraph's graphs directly, with no copy: graph_traits specialisations and
// free functions, found by argument-dependent lookup, make
//   - digraph (task dependencies; edge e is link e) a VertexList-, Incidence-, Bidirectional-,
//     EdgeList- and AdjacencyGraph;
//   - hierarchy<Id> (units, plans, tasks, indicators; edges go parent → child) a VertexList-,
//     Incidence-, EdgeList- and AdjacencyGraph whose vertices are the strong ids themselves;
// and both give `get(boost::vertex_index, g)` and `get(boost::edge_index, g)`, so BGL's
// algorithms (topological_sort, depth_first_search, breadth_first_search, dag_shortest_paths…)
// run on them unchanged. The only plangraph header naming boost/graph: it is not in the umbrella.
#include "digraph.hpp"
#include "hierarchy.hpp"
#include "ids.hpp"

#include <boost/graph/adjacency_iterator.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_adaptor.hpp>
#include <boost/property_map/property_map.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>

namespace plangraph {

// ---- edge descriptors and index maps ------------------------------------------------------

/// A dependency edge as BGL sees it: its index in the digraph, which is also its link id.
struct digraph_edge {
    std::uint32_t id = 0;
    bool operator==(const digraph_edge&) const = default;
    auto operator<=>(const digraph_edge&) const = default;
};

/// A hierarchy edge parent → child. Every vertex but a root has exactly one such edge, so the
/// child names it; `position` is its rank among all edges, 0 … num_edges - 1 (the edge index).
template <strong_id Id>
struct hierarchy_edge {
    Id child = no_id<Id>;
    std::uint32_t position = 0;
    bool operator==(const hierarchy_edge&) const = default;
    auto operator<=>(const hierarchy_edge&) const = default;
};

/// Edge index maps: readable property maps from an edge to its index.
struct digraph_edge_index_map {
    using key_type = digraph_edge;
    using value_type = std::uint32_t;
    using reference = std::uint32_t;
    using category = boost::readable_property_map_tag;
    friend std::uint32_t get(digraph_edge_index_map, digraph_edge e) { return e.id; }
};

template <strong_id Id>
struct hierarchy_edge_index_map {
    using key_type = hierarchy_edge<Id>;
    using value_type = std::uint32_t;
    using reference = std::uint32_t;
    using category = boost::readable_property_map_tag;
    friend std::uint32_t get(hierarchy_edge_index_map, hierarchy_edge<Id> e) { return e.position; }
};

/// A strong id's dense index, as a vertex index map.
template <strong_id Id>
struct id_index_map {
    using key_type = Id;
    using value_type = std::size_t;
    using reference = std::size_t;
    using category = boost::readable_property_map_tag;
    friend std::size_t get(id_index_map, Id v) { return index(v); }
};

namespace detail {

/// Edge ids (from a CSR row or a counter) seen as digraph_edge values.
template <class Base>
class digraph_edge_iterator
    : public boost::iterator_adaptor<digraph_edge_iterator<Base>, Base, digraph_edge, boost::use_default, digraph_edge> {
public:
    digraph_edge_iterator() = default;
    explicit digraph_edge_iterator(Base b) : digraph_edge_iterator::iterator_adaptor_(b) {}

private:
    friend class boost::iterator_core_access;
    digraph_edge dereference() const { return {static_cast<std::uint32_t>(*this->base())}; }
};

/// Children in the hierarchy's CSR array, seen as edges; `origin` is the array's start, so the
/// distance from it is the edge index.
template <strong_id Id>
class hierarchy_edge_iterator
    : public boost::iterator_adaptor<hierarchy_edge_iterator<Id>, const Id*, hierarchy_edge<Id>, boost::use_default,
                                     hierarchy_edge<Id>> {
public:
    hierarchy_edge_iterator() = default;
    hierarchy_edge_iterator(const Id* at, const Id* origin)
        : hierarchy_edge_iterator::iterator_adaptor_(at), origin_(origin) {}

private:
    friend class boost::iterator_core_access;
    hierarchy_edge<Id> dereference() const {
        return {*this->base(), static_cast<std::uint32_t>(this->base() - origin_)};
    }
    const Id* origin_ = nullptr;
};

/// 0, 1, 2… as strong ids.
template <strong_id Id>
class id_iterator
    : public boost::iterator_adaptor<id_iterator<Id>, boost::counting_iterator<std::uint32_t>, Id, boost::use_default, Id> {
public:
    id_iterator() = default;
    explicit id_iterator(std::uint32_t i) : id_iterator::iterator_adaptor_(boost::counting_iterator<std::uint32_t>(i)) {}

private:
    friend class boost::iterator_core_access;
    Id dereference() const { return make_id<Id>(*this->base()); }
};

/// The start of a hierarchy's CSR children array: children of vertex 0 come first in it.
template <strong_id Id>
const Id* children_origin(const hierarchy<Id>& g) {
    return g.size() ? g.children(make_id<Id>(0)).data() : nullptr;
}

// BGL's tags derive virtually from each other (bidirectional is also incidence).
struct digraph_traversal_tag : virtual boost::vertex_list_graph_tag, virtual boost::bidirectional_graph_tag,
                               virtual boost::edge_list_graph_tag, virtual boost::adjacency_graph_tag {};
struct hierarchy_traversal_tag : virtual boost::vertex_list_graph_tag, virtual boost::incidence_graph_tag,
                                 virtual boost::edge_list_graph_tag, virtual boost::adjacency_graph_tag {};

}  // namespace detail
}  // namespace plangraph

namespace boost {

template <>
struct graph_traits<plangraph::digraph> {
    using vertex_descriptor = plangraph::digraph::vertex;
    using edge_descriptor = plangraph::digraph_edge;
    using directed_category = bidirectional_tag;
    using edge_parallel_category = allow_parallel_edge_tag;
    using traversal_category = plangraph::detail::digraph_traversal_tag;

    using vertex_iterator = counting_iterator<vertex_descriptor>;
    using out_edge_iterator = plangraph::detail::digraph_edge_iterator<const std::uint32_t*>;
    using in_edge_iterator = out_edge_iterator;
    using edge_iterator = plangraph::detail::digraph_edge_iterator<counting_iterator<std::uint32_t>>;
    using adjacency_iterator = typename adjacency_iterator_generator<plangraph::digraph, vertex_descriptor,
                                                                     out_edge_iterator>::type;

    using vertices_size_type = std::size_t;
    using edges_size_type = std::size_t;
    using degree_size_type = std::size_t;

    static vertex_descriptor null_vertex() { return std::numeric_limits<vertex_descriptor>::max(); }
};

template <plangraph::strong_id Id>
struct graph_traits<plangraph::hierarchy<Id>> {
    using vertex_descriptor = Id;
    using edge_descriptor = plangraph::hierarchy_edge<Id>;
    using directed_category = directed_tag;
    using edge_parallel_category = disallow_parallel_edge_tag;
    using traversal_category = plangraph::detail::hierarchy_traversal_tag;

    using vertex_iterator = plangraph::detail::id_iterator<Id>;
    using out_edge_iterator = plangraph::detail::hierarchy_edge_iterator<Id>;
    using in_edge_iterator = void;
    using edge_iterator = out_edge_iterator;
    using adjacency_iterator = const Id*;

    using vertices_size_type = std::size_t;
    using edges_size_type = std::size_t;
    using degree_size_type = std::size_t;

    static vertex_descriptor null_vertex() { return plangraph::no_id<Id>; }
};

template <>
struct property_map<plangraph::digraph, vertex_index_t> {
    using type = typed_identity_property_map<plangraph::digraph::vertex>;
    using const_type = type;
};
template <>
struct property_map<plangraph::digraph, edge_index_t> {
    using type = plangraph::digraph_edge_index_map;
    using const_type = type;
};
template <plangraph::strong_id Id>
struct property_map<plangraph::hierarchy<Id>, vertex_index_t> {
    using type = plangraph::id_index_map<Id>;
    using const_type = type;
};
template <plangraph::strong_id Id>
struct property_map<plangraph::hierarchy<Id>, edge_index_t> {
    using type = plangraph::hierarchy_edge_index_map<Id>;
    using const_type = type;
};

}  // namespace boost

namespace plangraph {

// ---- digraph ------------------------------------------------------------------------------

using digraph_traits = boost::graph_traits<digraph>;

inline std::size_t num_vertices(const digraph& g) { return g.vertex_count(); }
inline std::size_t num_edges(const digraph& g) { return g.edge_count(); }

inline std::pair<digraph_traits::vertex_iterator, digraph_traits::vertex_iterator> vertices(const digraph& g) {
    using it = digraph_traits::vertex_iterator;
    return {it(0), it(static_cast<digraph::vertex>(g.vertex_count()))};
}
inline std::pair<digraph_traits::edge_iterator, digraph_traits::edge_iterator> edges(const digraph& g) {
    using it = digraph_traits::edge_iterator;
    using count = boost::counting_iterator<std::uint32_t>;
    return {it(count(0)), it(count(static_cast<std::uint32_t>(g.edge_count())))};
}

inline digraph::vertex source(digraph_edge e, const digraph& g) { return g.source(e.id); }
inline digraph::vertex target(digraph_edge e, const digraph& g) { return g.target(e.id); }

inline std::pair<digraph_traits::out_edge_iterator, digraph_traits::out_edge_iterator> out_edges(digraph::vertex v,
                                                                                               const digraph& g) {
    auto row = g.out_edges(v);
    using it = digraph_traits::out_edge_iterator;
    return {it(row.data()), it(row.data() + row.size())};
}
inline std::pair<digraph_traits::in_edge_iterator, digraph_traits::in_edge_iterator> in_edges(digraph::vertex v,
                                                                                            const digraph& g) {
    auto row = g.in_edges(v);
    using it = digraph_traits::in_edge_iterator;
    return {it(row.data()), it(row.data() + row.size())};
}
inline std::size_t out_degree(digraph::vertex v, const digraph& g) { return g.out_degree(v); }
inline std::size_t in_degree(digraph::vertex v, const digraph& g) { return g.in_degree(v); }
inline std::size_t degree(digraph::vertex v, const digraph& g) { return g.in_degree(v) + g.out_degree(v); }

inline std::pair<digraph_traits::adjacency_iterator, digraph_traits::adjacency_iterator> adjacent_vertices(
    digraph::vertex v, const digraph& g) {
    auto [first, last] = out_edges(v, g);
    using it = digraph_traits::adjacency_iterator;
    return {it(first, &g), it(last, &g)};
}

inline boost::typed_identity_property_map<digraph::vertex> get(boost::vertex_index_t, const digraph&) { return {}; }
inline digraph::vertex get(boost::vertex_index_t, const digraph&, digraph::vertex v) { return v; }
inline digraph_edge_index_map get(boost::edge_index_t, const digraph&) { return {}; }
inline std::uint32_t get(boost::edge_index_t, const digraph&, digraph_edge e) { return e.id; }

// ---- hierarchy ----------------------------------------------------------------------------

template <strong_id Id>
std::size_t num_vertices(const hierarchy<Id>& g) {
    return g.size();
}
template <strong_id Id>
std::size_t num_edges(const hierarchy<Id>& g) {
    return g.size() - g.roots().size();
}

template <strong_id Id>
auto vertices(const hierarchy<Id>& g) {
    using it = detail::id_iterator<Id>;
    return std::pair<it, it>(it(0), it(static_cast<std::uint32_t>(g.size())));
}
template <strong_id Id>
auto edges(const hierarchy<Id>& g) {
    using it = detail::hierarchy_edge_iterator<Id>;
    const Id* origin = detail::children_origin(g);
    return std::pair<it, it>(it(origin, origin), it(origin + num_edges(g), origin));
}

template <strong_id Id>
Id source(hierarchy_edge<Id> e, const hierarchy<Id>& g) {
    return g.parent(e.child);
}
template <strong_id Id>
Id target(hierarchy_edge<Id> e, const hierarchy<Id>&) {
    return e.child;
}

template <strong_id Id>
auto out_edges(Id v, const hierarchy<Id>& g) {
    using it = detail::hierarchy_edge_iterator<Id>;
    auto kids = g.children(v);
    const Id* origin = detail::children_origin(g);
    return std::pair<it, it>(it(kids.data(), origin), it(kids.data() + kids.size(), origin));
}
template <strong_id Id>
std::size_t out_degree(Id v, const hierarchy<Id>& g) {
    return g.children(v).size();
}
template <strong_id Id>
std::pair<const Id*, const Id*> adjacent_vertices(Id v, const hierarchy<Id>& g) {
    auto kids = g.children(v);
    return {kids.data(), kids.data() + kids.size()};
}

template <strong_id Id>
id_index_map<Id> get(boost::vertex_index_t, const hierarchy<Id>&) {
    return {};
}
template <strong_id Id>
std::size_t get(boost::vertex_index_t, const hierarchy<Id>&, Id v) {
    return index(v);
}
template <strong_id Id>
hierarchy_edge_index_map<Id> get(boost::edge_index_t, const hierarchy<Id>&) {
    return {};
}
template <strong_id Id>
std::uint32_t get(boost::edge_index_t, const hierarchy<Id>&, hierarchy_edge<Id> e) {
    return e.position;
}

}  // namespace plangraph
