import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, PersistentVolumeClaim, Service, ServiceAccount } from 'kubernetes-models/v1';
import { runCommand } from '../support/commands.js';
import { provideHelm } from '../support/helm.js';
import { generateProject, removeWhenPassed, type GeneratedProject } from '../support/generated-project.js';

/**
 * The `kubernetes` deploy target's Helm chart, checked by a real Helm (lint, render) with its default
 * values and with values as production sets them, every rendered object validated against the
 * Kubernetes API schemas (kubernetes-models). Three projects cover what changes the chart: a store
 * shared by replicas with Istio in front (gateway), a SQLite store on a volume, and an in-memory one.
 */
type KubernetesObject = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, unknown>; data?: Record<string, string> };

/** The Kubernetes API kinds the chart may render, by apiVersion and kind, each with its schema. */
const SCHEMAS: Record<string, new (object: never) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'v1 Service': Service,
  'v1 ConfigMap': ConfigMap,
  'v1 ServiceAccount': ServiceAccount,
  'v1 PersistentVolumeClaim': PersistentVolumeClaim,
  'networking.k8s.io/v1 Ingress': Ingress,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
};
/** Istio's custom resources: Helm renders them, but no schema of them runs on this Node. */
const ISTIO_KINDS = ['security.istio.io/v1 RequestAuthentication', 'security.istio.io/v1 AuthorizationPolicy'];

const CHARTS = [
  { upstream: 'keycloak', auth: 'gateway', storage: 'postgres' },
  { upstream: 'generic', auth: 'none', storage: 'sqlite' },
  { upstream: 'entra', auth: 'jwt', storage: 'memory' },
] as const;

/** Values as a production install sets them; each chart takes the ones its values.schema.json knows. */
function productionValues(chart: (typeof CHARTS)[number]): string {
  return [
    'image:',
    '  repository: registry.example.com/platform/demo',
    '  tag: "1.4.2"',
    'imagePullSecrets: [{ name: registry-credentials }]',
    'config:',
    '  PUBLIC_URL: https://mcp.example.com',
    '  LOG_LEVEL: warn',
    'secrets:',
    '  name: demo-secrets',
    'ingress:',
    '  enabled: true',
    '  className: nginx',
    '  annotations: { nginx.ingress.kubernetes.io/proxy-buffering: "off" }',
    '  host: mcp.example.com',
    '  tls: { enabled: true, secretName: mcp-example-com-tls }',
    'resources:',
    '  requests: { cpu: 250m, memory: 256Mi }',
    '  limits: { memory: 1Gi }',
    'nodeSelector: { kubernetes.io/os: linux }',
    ...(chart.storage === 'postgres' ? ['autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 20, targetCPUUtilizationPercentage: 60 }', 'podDisruptionBudget: { minAvailable: 2 }'] : []),
    ...(chart.storage === 'sqlite' ? ['persistence: { enabled: true, size: 5Gi, storageClassName: managed-csi }'] : []),
    ...(chart.auth === 'gateway' ? ['istio:', '  enabled: true', '  jwt: { issuer: "https://sso.example.com/realms/acme", audiences: ["https://mcp.example.com/mcp"] }'] : []),
  ].join('\n');
}

let helm: string;
beforeAll(async () => {
  helm = await provideHelm();
});

describe.each(CHARTS)('the Helm chart of a $upstream/$auth/$storage project', (chart) => {
  let project: GeneratedProject;
  let chartDir: string;
  let productionValuesFile: string;
  const runHelm = (...args: string[]) => runCommand(helm, args);

  async function rendered(...args: string[]): Promise<KubernetesObject[]> {
    const result = await runHelm('template', 'demo', chartDir, '--namespace', 'mcp', ...args);
    expect(result.exitCode, result.all).toBe(0);
    return parseAllDocuments(result.stdout)
      .map((document) => document.toJS() as KubernetesObject | null)
      .filter((object): object is KubernetesObject => object !== null);
  }

  function validateAll(objects: KubernetesObject[]): void {
    for (const object of objects) {
      const kind = `${object.apiVersion} ${object.kind}`;
      if (ISTIO_KINDS.includes(kind)) continue;
      const Schema = SCHEMAS[kind];
      expect(Schema, `${kind} has no schema here`).toBeDefined();
      expect(() => new Schema!(object as never).validate(), `${kind} ${object.metadata.name}`).not.toThrow();
    }
  }

  beforeAll(async () => {
    project = await generateProject(['--yes', '--upstream', chart.upstream, '--auth', chart.auth, '--storage', chart.storage, '--deploy', 'kubernetes', '--no-install'], { packageManager: 'npm', node: 24 });
    chartDir = join(project.dir, 'deploy', 'helm', 'demo');
    productionValuesFile = join(project.dir, 'production-values.yaml');
    await writeFile(productionValuesFile, productionValues(chart));
  });
  removeWhenPassed(() => project);

  it('passes helm lint --strict with its default values and with production values', async () => {
    for (const args of [[], ['--values', productionValuesFile]]) {
      const lint = await runHelm('lint', '--strict', chartDir, ...args);
      expect(lint.exitCode, lint.all).toBe(0);
    }
  });

  it('renders, with its default values, only objects valid against the Kubernetes API schemas', async () => {
    validateAll(await rendered());
  });

  it('renders, with production values, only objects valid against the Kubernetes API schemas', async () => {
    const objects = await rendered('--values', productionValuesFile);
    validateAll(objects);
    expect(objects.map((object) => object.kind)).toContain('Ingress');
  });

  it('runs the server non-root, read-only, without privilege escalation or capabilities, probed on /healthz and /readyz', async () => {
    const deployment = (await rendered()).find((object) => object.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { securityContext: Record<string, unknown>; containers: Array<Record<string, any>> } } };
    };
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    const [server] = pod.containers;
    expect(server?.['securityContext']).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(server?.['livenessProbe'].httpGet.path).toBe('/healthz');
    expect(server?.['readinessProbe'].httpGet.path).toBe('/readyz');
    expect(server?.['resources'].requests).toBeDefined();
  });

  it('takes every secret setting from a Secret by reference, and holds no secret value', async () => {
    const objects = await rendered('--values', productionValuesFile);
    expect(objects.map((object) => object.kind)).not.toContain('Secret');
    const deployment = objects.find((object) => object.kind === 'Deployment') as unknown as { spec: { template: { spec: { containers: Array<{ env?: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string } } }> }> } } } };
    const env = deployment.spec.template.spec.containers[0]?.env ?? [];
    expect(env.length).toBeGreaterThan(0);
    for (const variable of env) expect(variable.valueFrom?.secretKeyRef?.name, variable.name).toBe('demo-secrets');
    const configMap = objects.find((object) => object.kind === 'ConfigMap');
    expect(Object.keys(configMap?.data ?? {})).not.toContain('STORE_SEALING_KEYS');
  });

  it('refuses values its schema does not allow, before rendering anything', async () => {
    for (const wrong of [['--set', 'replicaCount=two'], ['--set', 'imagee.tag=1.0.0'], ['--set', 'service.port=70000'], ['--set-string', 'ingress.enabled=yes']]) {
      const result = await runHelm('template', 'demo', chartDir, ...wrong);
      expect(result.exitCode, `${wrong.join(' ')} was accepted`).not.toBe(0);
      expect(result.all).toMatch(/values don't meet the specifications of the schema/);
    }
  });

  if (chart.storage === 'postgres') {
    it('scales: an autoscaler in place of a fixed replica count, and a disruption budget', async () => {
      const objects = await rendered();
      expect(objects.map((object) => object.kind)).toEqual(expect.arrayContaining(['HorizontalPodAutoscaler', 'PodDisruptionBudget']));
      expect((objects.find((object) => object.kind === 'Deployment')?.spec ?? {})['replicas']).toBeUndefined();
    });
  } else {
    it('runs one replica, and its schema refuses a second', async () => {
      const objects = await rendered();
      expect(objects.map((object) => object.kind)).not.toContain('HorizontalPodAutoscaler');
      expect((objects.find((object) => object.kind === 'Deployment')?.spec ?? {})['replicas']).toBe(1);
      const result = await runHelm('template', 'demo', chartDir, '--set', 'replicaCount=2');
      expect(result.exitCode).not.toBe(0);
    });
  }

  if (chart.storage === 'sqlite') {
    it('keeps the SQLite data on a claim, replacing the pod rather than running two at once', async () => {
      const objects = await rendered('--values', productionValuesFile);
      expect(objects.find((object) => object.kind === 'PersistentVolumeClaim')?.spec).toMatchObject({ storageClassName: 'managed-csi', resources: { requests: { storage: '5Gi' } } });
      expect(objects.find((object) => object.kind === 'Deployment')?.spec?.['strategy']).toEqual({ type: 'Recreate' });
    });
  }

  if (chart.auth === 'gateway') {
    it('puts Istio in front when asked: it checks tokens, forwards them, and lets only such requests reach /mcp', async () => {
      expect((await rendered()).map((object) => object.kind)).not.toContain('RequestAuthentication');
      const objects = await rendered('--values', productionValuesFile);
      const authentication = objects.find((object) => object.kind === 'RequestAuthentication');
      expect(authentication?.spec?.['jwtRules']).toEqual([{ issuer: 'https://sso.example.com/realms/acme', audiences: ['https://mcp.example.com/mcp'], forwardOriginalToken: true }]);
      expect(JSON.stringify(objects.find((object) => object.kind === 'AuthorizationPolicy')?.spec)).toContain('"requestPrincipals":["*"]');
    });
  }
});
