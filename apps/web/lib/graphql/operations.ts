import { READ_ERROR_FIELDS as READ, WRITE_ERROR_FIELDS as WRITE } from './result'

const WORKFLOW_SUMMARY = `id name description status revision lastVersion runCount updatedAt cluster { id name sandbox }`
const CLUSTER = `id name description server status statusMessage hasCredentials sandbox createdAt`
const VERSION_SUMMARY = `id version name tag description automatic origin restoredFrom runStatus createdAt`

// Auth: lib/graphql/auth-operations.ts (browser session, API tokens, sessions, terminal tickets).

// Clusters ------------------------------------------------------------------------------------
export const CLUSTERS = `query Clusters { clusters { ${CLUSTER} } }`
export const CREATE_CLUSTER = `mutation CreateCluster($input: ClusterInput!) {
  createCluster(input: $input) { __typename ... on MutationCreateClusterSuccess { data { ${CLUSTER} } } ${WRITE} }
}`
export const UPDATE_CLUSTER = `mutation UpdateCluster($id: String!, $input: ClusterInput!) {
  updateCluster(id: $id, input: $input) { __typename ... on MutationUpdateClusterSuccess { data { ${CLUSTER} } } ${WRITE} }
}`
export const DELETE_CLUSTER = `mutation DeleteCluster($id: String!) {
  deleteCluster(id: $id) { __typename ... on MutationDeleteClusterSuccess { data } ${WRITE} }
}`
export const TEST_CLUSTER = `mutation TestCluster($id: String!) {
  testCluster(id: $id) { __typename ... on MutationTestClusterSuccess { data { ${CLUSTER} } } ${WRITE} }
}`
export const KUBECONFIG_CONTEXTS = `query KubeconfigContexts($kubeconfig: String!) {
  kubeconfigContexts(kubeconfig: $kubeconfig) { __typename ... on QueryKubeconfigContextsSuccess { data { name cluster server current } } ${READ} }
}`

// Workflows -----------------------------------------------------------------------------------
export const WORKFLOWS = `query Workflows($page: Int, $limit: Int, $status: WorkflowStatus, $search: String) {
  workflows(page: $page, limit: $limit, status: $status, search: $search) {
    __typename ... on QueryWorkflowsSuccess { data { total page limit items { ${WORKFLOW_SUMMARY} } } } ${READ}
  }
}`
export const WORKFLOW = `query Workflow($id: ID!) {
  workflow(id: $id) { __typename ... on QueryWorkflowSuccess { data { ${WORKFLOW_SUMMARY} nodes edges currentVersion } } ${READ} }
}`
export const CREATE_WORKFLOW = `mutation CreateWorkflow($name: String!, $clusterId: String!, $description: String) {
  createWorkflow(name: $name, clusterId: $clusterId, description: $description) {
    __typename ... on MutationCreateWorkflowSuccess { data { ${WORKFLOW_SUMMARY} } } ${WRITE}
  }
}`
export const CLONE_WORKFLOW = `mutation CloneWorkflow($id: ID!, $name: String!) {
  cloneWorkflow(id: $id, name: $name) { __typename ... on MutationCloneWorkflowSuccess { data { ${WORKFLOW_SUMMARY} } } ${WRITE} }
}`
export const UPDATE_WORKFLOW = `mutation UpdateWorkflow($id: ID!, $name: String, $description: String, $clusterId: String, $removeFromCurrentCluster: Boolean) {
  updateWorkflow(id: $id, name: $name, description: $description, clusterId: $clusterId, removeFromCurrentCluster: $removeFromCurrentCluster) {
    __typename ... on MutationUpdateWorkflowSuccess { data { ${WORKFLOW_SUMMARY} } } ${WRITE}
  }
}`
export const DELETE_WORKFLOW = `mutation DeleteWorkflow($id: ID!) {
  deleteWorkflow(id: $id) { __typename ... on MutationDeleteWorkflowSuccess { data } ${WRITE} }
}`
export const SET_WORKFLOW_STATUS = `mutation SetWorkflowStatus($id: ID!, $status: WorkflowStatus!) {
  setWorkflowStatus(id: $id, status: $status) { __typename ... on MutationSetWorkflowStatusSuccess { data { ${WORKFLOW_SUMMARY} } } ${WRITE} }
}`
export const SAVE_WORKFLOW = `mutation SaveWorkflow($id: ID!, $nodes: JSON!, $edges: JSON!, $revision: Int) {
  saveWorkflow(id: $id, nodes: $nodes, edges: $edges, revision: $revision) {
    __typename ... on MutationSaveWorkflowSuccess { data { id revision updatedAt } } ${WRITE}
  }
}`
export const WORKFLOW_EVENTS = `subscription WorkflowEvents($workflowId: ID!) {
  workflowEvents(workflowId: $workflowId) { type workflowId payload }
}`

// Versions ------------------------------------------------------------------------------------
export const VERSIONS = `query Versions($workflowId: ID!, $page: Int, $limit: Int, $tagged: Boolean, $origin: VersionOrigin) {
  versions(workflowId: $workflowId, page: $page, limit: $limit, tagged: $tagged, origin: $origin) {
    __typename ... on QueryVersionsSuccess { data { total page limit items { ${VERSION_SUMMARY} } } } ${READ}
  }
}`
export const DEPLOYED_VERSION = `query DeployedVersion($id: ID!) {
  workflow(id: $id) { __typename ... on QueryWorkflowSuccess { data { id deployedVersion } } ${READ} }
}`
export const VERSION = `query Version($workflowId: ID!, $version: Int!) {
  version(workflowId: $workflowId, version: $version) { __typename ... on QueryVersionSuccess { data { ${VERSION_SUMMARY} nodes edges } } ${READ} }
}`
export const COMPARE_VERSIONS = `query CompareVersions($workflowId: ID!, $v1: Int!, $v2: Int!, $includePosition: Boolean) {
  compareVersions(workflowId: $workflowId, v1: $v1, v2: $v2, includePosition: $includePosition) {
    __typename ... on QueryCompareVersionsSuccess { data { v1 v2 graph manifests } } ${READ}
  }
}`
export const CREATE_VERSION = `mutation CreateVersion($workflowId: ID!, $name: String, $tag: String, $description: String) {
  createVersion(workflowId: $workflowId, name: $name, tag: $tag, description: $description) {
    __typename ... on MutationCreateVersionSuccess { data { ${VERSION_SUMMARY} } } ${WRITE}
  }
}`
export const RESTORE_VERSION = `mutation RestoreVersion($workflowId: ID!, $version: Int!) {
  restoreVersion(workflowId: $workflowId, version: $version) {
    __typename ... on MutationRestoreVersionSuccess { data { ${VERSION_SUMMARY} } } ${WRITE}
  }
}`

// Runs ----------------------------------------------------------------------------------------
export const DEPLOYED_OBJECTS = `query DeployedObjects($workflowId: ID!) {
  deployedObjects(workflowId: $workflowId) {
    __typename ... on QueryDeployedObjectsSuccess { data { clusterName objects { apiVersion kind namespace name } } } ${READ}
  }
}`
const RUN_SUMMARY = `id status version triggeredBy triggeredByUserId error startedAt completedAt duration`
export const RUN_WORKFLOW = `mutation RunWorkflow($workflowId: ID!, $triggerData: JSON) {
  runWorkflow(workflowId: $workflowId, triggerData: $triggerData) { __typename ... on MutationRunWorkflowSuccess { data { runId status version } } ${WRITE} }
}`
export const CANCEL_RUN = `mutation CancelRun($workflowId: ID!, $runId: ID!) {
  cancelRun(workflowId: $workflowId, runId: $runId) { __typename ... on MutationCancelRunSuccess { data { ${RUN_SUMMARY} } } ${WRITE} }
}`
export const RUNS = `query Runs($workflowId: ID!, $page: Int, $limit: Int) {
  runs(workflowId: $workflowId, page: $page, limit: $limit) {
    __typename ... on QueryRunsSuccess { data { total page limit items { ${RUN_SUMMARY} } } } ${READ}
  }
}`
export const RUN = `query Run($workflowId: ID!, $runId: ID!) {
  run(workflowId: $workflowId, runId: $runId) {
    __typename ... on QueryRunSuccess { data { ${RUN_SUMMARY} nodeStates { nodeId state message objects } logs { at level message } } } ${READ}
  }
}`

// Node logs, diagnostics and fixes (SPEC §10) ----------------------------------------------------
export const NODE_LOGS = `subscription NodeLogs($workflowId: ID!, $nodeId: String!, $pod: String, $container: String, $follow: Boolean, $tailLines: Int, $previous: Boolean) {
  nodeLogs(workflowId: $workflowId, nodeId: $nodeId, pod: $pod, container: $container, follow: $follow, tailLines: $tailLines, previous: $previous) { pod container line text }
}`
const FIX = `id title description patch`
export const NODE_DIAGNOSTICS = `query NodeDiagnostics($workflowId: ID!, $nodeId: String!) {
  nodeDiagnostics(workflowId: $workflowId, nodeId: $nodeId) {
    __typename ... on QueryNodeDiagnosticsSuccess { data { nodeId observedAt findings { id type severity message evidence { kind text } fix { ${FIX} } } } } ${READ}
  }
}`
export const NODE_FIX_PREVIEW = `query NodeFixPreview($workflowId: ID!, $nodeId: String!, $fixId: String!) {
  nodeFixPreview(workflowId: $workflowId, nodeId: $nodeId, fixId: $fixId) {
    __typename ... on QueryNodeFixPreviewSuccess { data { findingId revision diff fix { ${FIX} } } } ${READ}
  }
}`
export const APPLY_NODE_FIX = `mutation ApplyNodeFix($workflowId: ID!, $nodeId: String!, $fixId: String!, $run: Boolean, $revision: Int) {
  applyNodeFix(workflowId: $workflowId, nodeId: $nodeId, fixId: $fixId, run: $run, revision: $revision) {
    __typename ... on MutationApplyNodeFixSuccess { data { findingId runId runVersion workflow { id revision status } } } ${WRITE}
  }
}`

// Resource detail of a node (SPEC §15) ---------------------------------------------------------
/** Only the pods of a node: what the terminal offers to connect to. */
export const NODE_PODS = `query NodePods($workflowId: ID!, $nodeId: String!) {
  nodeResources(workflowId: $workflowId, nodeId: $nodeId) {
    __typename ... on QueryNodeResourcesSuccess { data { nodeId pods { name phase containers { name ready } } } } ${READ}
  }
}`
export const NODE_RESOURCES = `query NodeResources($workflowId: ID!, $nodeId: String!) {
  nodeResources(workflowId: $workflowId, nodeId: $nodeId) {
    __typename ... on QueryNodeResourcesSuccess { data {
      nodeId version observedAt health { state message updatedAt }
      objects { apiVersion kind name namespace manifest live }
      events { type reason message object count lastSeen }
      pods { name phase nodeName createdAt containers { name image ready restartCount state reason message } }
    } } ${READ}
  }
}`
