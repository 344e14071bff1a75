/** Reference graphs between schemas: strongly connected components and declaration order. */

export interface Components {
  /** Component index of each vertex. */
  component: number[];
  /** Vertices of each component; components are listed dependencies first (a component only points to earlier ones). */
  members: number[][];
}

/**
 * Tarjan's algorithm, iterative (a long chain of `$defs` must not overflow
 * the stack). Linear in vertices + edges; deterministic for a given edge order.
 */
export function stronglyConnected(vertexCount: number, edges: (vertex: number) => readonly number[]): Components {
  const index = new Array<number>(vertexCount).fill(-1);
  const low = new Array<number>(vertexCount).fill(0);
  const onStack = new Array<boolean>(vertexCount).fill(false);
  const component = new Array<number>(vertexCount).fill(-1);
  const members: number[][] = [];
  const stack: number[] = [];
  let next = 0;
  for (let root = 0; root < vertexCount; root++) {
    if (index[root] !== -1) continue;
    const frames: { vertex: number; edge: number }[] = [{ vertex: root, edge: 0 }];
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      const out = edges(frame.vertex);
      if (frame.edge < out.length) {
        const target = out[frame.edge++]!;
        if (index[target] === -1) {
          index[target] = low[target] = next++;
          stack.push(target);
          onStack[target] = true;
          frames.push({ vertex: target, edge: 0 });
        } else if (onStack[target]) {
          low[frame.vertex] = Math.min(low[frame.vertex]!, index[target]!);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.vertex] = Math.min(low[parent.vertex]!, low[frame.vertex]!);
      if (low[frame.vertex] === index[frame.vertex]) {
        const scc: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component[member] = members.length;
          scc.push(member);
        } while (member !== frame.vertex);
        members.push(scc.sort((a, b) => a - b));
      }
    }
  }
  return { component, members };
}

/** Whether the vertex is on a cycle (its component has several members, or it refers to itself). */
export function isCyclic(vertex: number, components: Components, edges: (vertex: number) => readonly number[]): boolean {
  return components.members[components.component[vertex]!]!.length > 1 || edges(vertex).includes(vertex);
}

/**
 * Depth-first post-order from `roots` in the given order: every vertex after
 * the vertices it points to, except along a cycle. Iterative.
 */
export function postOrder(roots: readonly number[], edges: (vertex: number) => readonly number[], vertexCount: number): number[] {
  const seen = new Array<boolean>(vertexCount).fill(false);
  const order: number[] = [];
  for (const root of roots) {
    if (seen[root]) continue;
    seen[root] = true;
    const frames: { vertex: number; edge: number }[] = [{ vertex: root, edge: 0 }];
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      const out = edges(frame.vertex);
      if (frame.edge < out.length) {
        const target = out[frame.edge++]!;
        if (!seen[target]) {
          seen[target] = true;
          frames.push({ vertex: target, edge: 0 });
        }
        continue;
      }
      frames.pop();
      order.push(frame.vertex);
    }
  }
  return order;
}
