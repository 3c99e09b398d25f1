#!/usr/bin/env python3
"""Writes vectors.json: enc2:/enc: values made by an implementation independent of zeroclaw's.

ChaCha20-Poly1305 from Debian's python3-cryptography (OpenSSL underneath): upstream ZeroClaw's
enc2:<hex(nonce || ciphertext || tag)>, 12-byte nonce, 16-byte tag, no associated data. The legacy
enc:<hex> is the plaintext XORed with the key, repeated. Fixed keys and nonces, so that running it
again writes the same file:

    apt-get install -y python3-cryptography
    python3 make_vectors.py > vectors.json

The first vector uses upstream's own frozen test key (bytes 0..31) and an all-zero nonce; its
value is the one upstream's secrets.rs test `frozen_pre_refactor_ciphertext_decrypts` decrypts.
"""
import hashlib
import json

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305


def enc2(key, nonce, plaintext):
    sealed = ChaCha20Poly1305(key).encrypt(nonce, plaintext.encode("utf-8"), None)
    return "enc2:" + (nonce + sealed).hex()


def enc(key, plaintext):
    data = plaintext.encode("utf-8")
    return "enc:" + bytes(b ^ key[i % len(key)] for i, b in enumerate(data)).hex()


frozen_key = bytes(range(32))
# Reproducible "random-looking" material: SHA-256 of fixed labels.
key = hashlib.sha256(b"zeroclaw secrets vector key").digest()
nonce = hashlib.sha256(b"zeroclaw secrets vector nonce").digest()[:12]
long_nonce = hashlib.sha256(b"zeroclaw secrets vector nonce 2").digest()[:12]

vectors = [
    {"name": "upstream frozen fixture", "key": frozen_key.hex(), "nonce": "00" * 12,
     "plaintext": "frozen-backward-compat-test", "value": enc2(frozen_key, bytes(12), "frozen-backward-compat-test")},
    {"name": "unicode", "key": key.hex(), "nonce": nonce.hex(), "plaintext": "sk-日本語テスト-émojis-🦀",
     "value": enc2(key, nonce, "sk-日本語テスト-émojis-🦀")},
    {"name": "empty", "key": key.hex(), "nonce": nonce.hex(), "plaintext": "", "value": enc2(key, nonce, "")},
    {"name": "longer than one ChaCha20 block", "key": key.hex(), "nonce": long_nonce.hex(),
     "plaintext": "ghp_" + "x" * 100, "value": enc2(key, long_nonce, "ghp_" + "x" * 100)},
    {"name": "legacy xor", "key": key.hex(), "nonce": None, "plaintext": "sk-legacy-api-key-longer-than-the-32-byte-key",
     "value": enc(key, "sk-legacy-api-key-longer-than-the-32-byte-key")},
]
print(json.dumps({"made_by": "make_vectors.py with python3-cryptography", "vectors": vectors}, ensure_ascii=False, indent=2))
