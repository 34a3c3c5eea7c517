import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { METRICS_SERVER_TLS_NAME } from './metrics.ts'

const run = promisify(execFile)

/** Paths of the generated PKI files (all PEM). */
export interface Pki {
  dir: string
  caCert: string
  caKey: string
  /** Serving cert of kube-apiserver, also used by kwok's kubelet server. */
  servingCert: string
  servingKey: string
  /** Client cert CN=testenv-admin, O=system:masters: every component and the tests use it. */
  adminCert: string
  adminKey: string
  /** ServiceAccount token signing key pair. */
  saKey: string
  saPub: string
  /**
   * Aggregation layer: a separate CA for the front-proxy client cert, as
   * kube-apiserver refuses a requestheader CA that also signs regular client
   * certs (they could otherwise claim any user through proxy headers).
   */
  frontProxyCaCert: string
  frontProxyClientCert: string
  frontProxyClientKey: string
}

/**
 * SANs of the serving cert: the loopback address clients dial, plus the
 * in-cluster names and the first service IP of 10.96.0.0/16, so that the
 * cert also matches what pods would see (those addresses are never dialled
 * here: they exist only as status in the fake cluster). kwok's kubelet
 * server and metrics-server serve it too.
 */
const SERVING_SANS = [
  'DNS:localhost',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'DNS:kubernetes.default.svc.cluster.local',
  'IP:127.0.0.1',
  'IP:10.96.0.1',
  // metrics-server serves with this cert too; the aggregator checks this name.
  `DNS:${METRICS_SERVER_TLS_NAME}`,
]

// P-256 keys: generating them takes milliseconds, where RSA-2048 takes ~100 ms
// each on this machine, and every Go and Node TLS stack involved accepts them.
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']

async function openssl(cwd: string, args: string[]): Promise<void> {
  try {
    await run('openssl', args, { cwd })
  } catch (err) {
    const e = err as { stderr?: string; message: string }
    throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${e.stderr ?? e.message}`)
  }
}

async function issue(dir: string, name: string, subject: string, extensions: string, ca = 'ca'): Promise<void> {
  await openssl(dir, ['req', '-new', ...EC_KEY, '-subj', subject, '-keyout', `${name}.key`, '-out', `${name}.csr`])
  await writeFile(join(dir, `${name}.ext`), extensions)
  await openssl(dir, [
    'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`,
    // An explicit random serial: -CAcreateserial would race on ca.srl, as certs are issued in parallel.
    '-set_serial', `0x${randomBytes(8).toString('hex')}`,
    '-days', '3650', '-extfile', `${name}.ext`, '-out', `${name}.crt`,
  ])
}

/** Generates a throwaway CA, serving and admin certs and a ServiceAccount key pair in `dir` (with Debian's openssl). */
async function selfSignedCa(dir: string, name: string, cn: string): Promise<void> {
  await openssl(dir, [
    'req', '-x509', ...EC_KEY, '-days', '3650', '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.crt`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ])
}

export async function generatePki(dir: string): Promise<Pki> {
  await Promise.all([selfSignedCa(dir, 'ca', 'testenv-ca'), selfSignedCa(dir, 'front-proxy-ca', 'testenv-front-proxy-ca')])
  await Promise.all([
    issue(dir, 'front-proxy-client', '/CN=front-proxy-client',
      'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n', 'front-proxy-ca'),
    issue(dir, 'serving', '/CN=kube-apiserver',
      `subjectAltName=${SERVING_SANS.join(',')}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n`),
    issue(dir, 'admin', '/O=system:masters/CN=testenv-admin',
      'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n'),
    (async () => {
      await openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', 'sa.key'])
      await openssl(dir, ['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'])
    })(),
  ])
  const p = (f: string) => join(dir, f)
  return {
    dir,
    caCert: p('ca.crt'), caKey: p('ca.key'),
    servingCert: p('serving.crt'), servingKey: p('serving.key'),
    adminCert: p('admin.crt'), adminKey: p('admin.key'),
    saKey: p('sa.key'), saPub: p('sa.pub'),
    frontProxyCaCert: p('front-proxy-ca.crt'),
    frontProxyClientCert: p('front-proxy-client.crt'), frontProxyClientKey: p('front-proxy-client.key'),
  }
}
