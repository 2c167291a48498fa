import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** PEM material of the demo cluster's own CA, its serving certificate and an admin client certificate. */
export interface DemoPki {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

function keyPair(): { pub: forge.pki.PublicKey; priv: forge.pki.PrivateKey; privPem: string } {
  // Node generates the RSA keys (fast, native); node-forge builds and signs the certificates.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { pub: forge.pki.publicKeyFromPem(publicKey), priv: forge.pki.privateKeyFromPem(privateKey), privPem: privateKey };
}

function baseCert(pub: forge.pki.PublicKey, subject: forge.pki.CertificateField[], days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = pub;
  cert.serialNumber = '01' + randomBytes(8).toString('hex');
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
  cert.setSubject(subject);
  return cert;
}

/** A fresh CA, a serving certificate for `hosts`, and a client certificate CN=user, O=groups. */
export function createDemoPki(hosts: string[], user = 'demo-admin', groups = ['system:masters']): DemoPki {
  const ca = keyPair();
  const caCert = baseCert(ca.pub, [{ name: 'commonName', value: 'demo-cluster-ca' }], 3650);
  caCert.setIssuer(caCert.subject.attributes);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
  ]);
  caCert.sign(ca.priv as forge.pki.rsa.PrivateKey, forge.md.sha256.create());

  const server = keyPair();
  const serverCert = baseCert(server.pub, [{ name: 'commonName', value: 'kube-apiserver' }], 365);
  serverCert.setIssuer(caCert.subject.attributes);
  serverCert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...new Set(['localhost', '127.0.0.1', '::1', ...hosts])].map((h) => (/^[\d.]+$|:/.test(h) ? { type: 7, ip: h } : { type: 2, value: h })),
    },
  ]);
  serverCert.sign(ca.priv as forge.pki.rsa.PrivateKey, forge.md.sha256.create());

  const client = keyPair();
  const clientCert = baseCert(client.pub, [{ name: 'commonName', value: user }, ...groups.map((g) => ({ name: 'organizationName', value: g }))], 365);
  clientCert.setIssuer(caCert.subject.attributes);
  clientCert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
  clientCert.sign(ca.priv as forge.pki.rsa.PrivateKey, forge.md.sha256.create());

  return {
    caPem: forge.pki.certificateToPem(caCert),
    serverCertPem: forge.pki.certificateToPem(serverCert),
    serverKeyPem: server.privPem,
    clientCertPem: forge.pki.certificateToPem(clientCert),
    clientKeyPem: client.privPem,
  };
}
