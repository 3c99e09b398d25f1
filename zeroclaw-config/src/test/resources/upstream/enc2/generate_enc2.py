#!/usr/bin/python3 -I
"""Writes the encrypted fixtures of the upstream corpus, as upstream ZeroClaw writes them.

Upstream (zeroclaw-labs/zeroclaw crates/zeroclaw-config/src/secrets.rs @ 0e52b1bd9048bf2f7a7b6c33afec7b2a7662270e):
  - key: <config dir>/.secret_key, the 32 key bytes as lowercase hex, no newline, mode 0600
    (FileKeySource / write_key_file_atomic_publish); read back with hex_decode(hex.trim()).
  - enc2:<hex(nonce || ciphertext || tag)>: ChaCha20-Poly1305, random 12-byte nonce first, 16-byte tag last,
    no associated data (SecretStore::encrypt).
  - enc:<hex>: legacy, the UTF-8 bytes XORed with the key, repeated (xor_cipher).

Run with Debian's python3-cryptography (apt-get install -y python3-cryptography); the -I flag keeps a user
site-packages cryptography off the path, and the script refuses any other copy. The ciphertexts are
independent of the JDK, so a Java decryptor is checked against them.

  ./generate_enc2.py           write the .toml files (keeps an existing .secret_key)
  ./generate_enc2.py --new-key also replace .secret_key
  ./generate_enc2.py --check   decrypt the committed files and compare with expected-plaintexts.json

Git does not keep mode 0600: a test copies .secret_key to a temporary directory and sets the mode itself.
The plaintexts are made-up fixture values, not credentials.
"""

import json
import os
import re
import sys
from pathlib import Path

import cryptography
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

HERE = Path(__file__).resolve().parent
KEY_FILE = HERE / ".secret_key"
EXPECTED = HERE / "expected-plaintexts.json"
SOURCE = ("# Source: zeroclaw-labs/zeroclaw crates/zeroclaw-config/src/secrets.rs @ "
          "0e52b1bd9048bf2f7a7b6c33afec7b2a7662270e,\n")
V3 = ("# schema_version = 3 is written so that upstream reads the file as schema V3 "
      "(without it, upstream migrates it as V1).\n")

# file -> (header lines, body template); {NAME} is replaced by the encrypted value of PLAINTEXTS[file][NAME].
PLAINTEXTS = {
    "env.toml": {"GITHUB_TOKEN": "ghp_corpusFixture0000000000000000000001"},
    "headers.toml": {"AUTHORIZATION": "Bearer corpus-fixture-token-0002"},
    "legacy-enc.toml": {"API_KEY": "sk-corpus-legacy-fixture-0003"},
}

TEMPLATES = {
    "env.toml": (
        SOURCE
        + "# fn SecretStore::encrypt (enc2:) and Config::decrypt_secrets: env is a #[secret] field of McpServerConfig,\n"
        + "# decrypted in memory at load with the key in .secret_key beside this file.\n"
        + V3
        + "# Upstream: valid; the server runs with GITHUB_PERSONAL_ACCESS_TOKEN decrypted.\n"
        + "schema_version = 3\n\n"
        + "[secrets]\nencrypt = true\n\n"
        + "[[mcp.servers]]\nname = \"github\"\ncommand = \"npx\"\n"
        + "args = [\"-y\", \"@modelcontextprotocol/server-github\"]\n\n"
        + "[mcp.servers.env]\nGITHUB_PERSONAL_ACCESS_TOKEN = \"{GITHUB_TOKEN}\"\nLOG_LEVEL = \"info\"\n"
    ),
    "headers.toml": (
        SOURCE
        + "# fn SecretStore::encrypt (enc2:) and Config::decrypt_secrets: headers is a #[secret] field of\n"
        + "# McpServerConfig, decrypted in memory at load with the key in .secret_key beside this file.\n"
        + V3
        + "# Upstream: valid; the server is called with the Authorization header decrypted.\n"
        + "schema_version = 3\n\n"
        + "[[mcp.servers]]\nname = \"remote\"\ntransport = \"http\"\nurl = \"https://mcp.example.com/mcp\"\n\n"
        + "[mcp.servers.headers]\nAuthorization = \"{AUTHORIZATION}\"\nX-Tenant = \"tenant-42\"\n"
    ),
    "legacy-enc.toml": (
        SOURCE
        + "# fn SecretStore::decrypt_legacy_xor (enc:, the value XORed with the key, repeated); upstream decrypts\n"
        + "# it with a WARN that the format is insecure.\n"
        + V3
        + "# Upstream: valid; the server runs with API_KEY decrypted.\n"
        + "schema_version = 3\n\n"
        + "[[mcp.servers]]\nname = \"legacy\"\ncommand = \"uvx\"\nargs = [\"mcp-server-fetch\"]\n\n"
        + "[mcp.servers.env]\nAPI_KEY = \"{API_KEY}\"\n"
    ),
}


def require_debian_cryptography():
    origin = Path(cryptography.__file__).resolve()
    if not str(origin).startswith("/usr/lib/python3/dist-packages/"):
        sys.exit(f"use Debian's python3-cryptography, not {origin}")


def read_key():
    key = bytes.fromhex(KEY_FILE.read_text().strip())
    if len(key) != 32:
        sys.exit(f"{KEY_FILE}: {len(key)} bytes, upstream needs exactly 32")
    return key


def write_key():
    KEY_FILE.write_text(os.urandom(32).hex())
    os.chmod(KEY_FILE, 0o600)


def enc2(key, plaintext):
    nonce = os.urandom(12)
    return "enc2:" + (nonce + ChaCha20Poly1305(key).encrypt(nonce, plaintext.encode(), None)).hex()


def enc_legacy(key, plaintext):
    data = plaintext.encode()
    return "enc:" + bytes(b ^ key[i % len(key)] for i, b in enumerate(data)).hex()


def decrypt(key, value):
    if value.startswith("enc2:"):
        blob = bytes.fromhex(value[len("enc2:"):])
        return ChaCha20Poly1305(key).decrypt(blob[:12], blob[12:], None).decode()
    if value.startswith("enc:"):
        data = bytes.fromhex(value[len("enc:"):])
        return bytes(b ^ key[i % len(key)] for i, b in enumerate(data)).decode()
    return value


def encrypted_values(text):
    return re.findall(r'"((?:enc2|enc):[0-9a-f]+)"', text)


def check(key):
    expected = json.loads(EXPECTED.read_text())
    for name, values in expected.items():
        found = [decrypt(key, v) for v in encrypted_values((HERE / name).read_text())]
        if sorted(found) != sorted(values.values()):
            sys.exit(f"{name}: the encrypted values do not decrypt to expected-plaintexts.json")
    print(f"ok: {len(expected)} files decrypt with {KEY_FILE.name}")


def main():
    require_debian_cryptography()
    if "--new-key" in sys.argv or not KEY_FILE.exists():
        write_key()
    key = read_key()
    if "--check" in sys.argv:
        check(key)
        return
    for name, template in TEMPLATES.items():
        text = template
        for placeholder, plaintext in PLAINTEXTS[name].items():
            value = enc_legacy(key, plaintext) if name == "legacy-enc.toml" else enc2(key, plaintext)
            if decrypt(key, value) != plaintext:
                sys.exit(f"{name}: {placeholder} does not round-trip")
            text = text.replace("{" + placeholder + "}", value)
        (HERE / name).write_text(text)
    EXPECTED.write_text(json.dumps(PLAINTEXTS, indent=2, sort_keys=True) + "\n")
    check(key)


if __name__ == "__main__":
    main()
