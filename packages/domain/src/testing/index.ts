export { makeEdge, makeGraph, makeNode } from './factories.ts';
export { SAMPLE_SECRET_VALUES, sampleApp } from './sample-app.ts';
