"""ACM certificates: requested (Amazon-issued or from a private CA) and
imported ones take different provider arguments.  Private keys are never read."""

from __future__ import annotations

from ..spec import Call, Ref, ResourceSpec, Secret, Tags

IMPORTED = "IMPORTED"
# ListCertificates returns only RSA_2048 certificates unless asked for the rest.
KEY_TYPES = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]


def _cert(item):
    return item.get("Certificate") or {}


def _requested(field):
    """A field of a requested certificate (the provider refuses it on an imported one)."""

    def value(item, ctx):
        return None if _cert(item).get("Type") == IMPORTED else _cert(item).get(field)

    return value


def _imported(field):
    """The public PEM text of an imported certificate (GetCertificate)."""

    def value(item, ctx):
        return item.get("Pem", {}).get(field) if _cert(item).get("Type") == IMPORTED else None

    return value


def _private_key(item, ctx):
    if _cert(item).get("Type") == IMPORTED:
        return Secret("ACM never returns an imported certificate's private key; supply it")
    return None


def _alternative_names(item, ctx):
    # ACM lists the domain name among the SANs; alone, it is the default.
    names = sorted(_requested("SubjectAlternativeNames")(item, ctx) or [])
    return None if names == [_cert(item).get("DomainName")] else names or None


def _key_algorithm(item, ctx):
    # DescribeCertificate spells it RSA-2048, the provider RSA_2048.
    value = _requested("KeyAlgorithm")(item, ctx)
    return value.replace("-", "_") if value else None


def _validation_method(item, ctx):
    cert = _cert(item)
    if cert.get("Type") != "AMAZON_ISSUED":
        return None
    return next((o.get("ValidationMethod") for o in cert.get("DomainValidationOptions") or []), None)


def _options(item, ctx):
    options = _cert(item).get("Options") or {}
    logging = options.get("CertificateTransparencyLoggingPreference")
    return {
        # The provider refuses this preference on an imported certificate.
        "certificate_transparency_logging_preference": (
            logging if logging == "DISABLED" and _cert(item).get("Type") != IMPORTED else None
        ),
        "export": options.get("Export") if options.get("Export") == "ENABLED" else None,
    }


def _label(item, ctx):
    return {t["Key"]: t.get("Value") for t in item.get("Tags") or []}.get("Name") or item.get("DomainName")


SPECS = [
    ResourceSpec(
        tf_type="aws_acm_certificate",
        service="acm",
        list=Call(
            "list_certificates",
            items="CertificateSummaryList",
            params={"Includes": {"keyTypes": KEY_TYPES}},
        ),
        # The provider treats a request that timed out as gone: it cannot be imported.
        include=lambda item, ctx: item.get("Status") != "VALIDATION_TIMED_OUT",
        # Certificates another AWS service manages for itself.
        is_default=lambda item, ctx: bool(item.get("ManagedBy")),
        member_identity=("domain_name", "subject_alternative_names"),  # what each certificate is for
        details=(
            Call("describe_certificate", params={"CertificateArn": "{CertificateArn}"}),
            Call("list_tags_for_certificate", params={"CertificateArn": "{CertificateArn}"}),
            # Only the public certificate and chain; a request that was never
            # issued (pending validation, failed) has none.
            Call(
                "get_certificate",
                params={"CertificateArn": "{CertificateArn}"},
                merge_into="Pem",
                absent_on=("RequestInProgressException",),
            ),
        ),
        id="{CertificateArn}",
        arn="{CertificateArn}",
        label=_label,
        arguments={
            "domain_name": _requested("DomainName"),
            "subject_alternative_names": _alternative_names,
            "validation_method": _validation_method,
            "key_algorithm": _key_algorithm,
            "certificate_authority_arn": _requested("CertificateAuthorityArn"),
            "options": _options,
            "certificate_body": _imported("Certificate"),
            "certificate_chain": _imported("CertificateChain"),
            "private_key": _private_key,
            "tags": Tags(),
        },
        defaults={"key_algorithm": "RSA_2048"},
        references={"certificate_authority_arn": Ref("aws_acmpca_certificate_authority", "arn")},
        emulator_gaps="moto has no private CA, e-mail validated or service-managed certificates",
    ),
]
