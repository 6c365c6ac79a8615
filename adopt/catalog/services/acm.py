"""ACM certificates: requested (Amazon-issued or from a private CA) and
imported ones take different provider arguments.  Private keys are never read."""

from __future__ import annotations

from ..spec import (
    Arn,
    Call,
    Const,
    First,
    Has,
    Ignore,
    Is,
    ListOf,
    Not,
    Or,
    Ref,
    Replace,
    ResourceSpec,
    Secret,
    Sorted,
    Tag,
    Tags,
    TagsCall,
    Unless,
    When,
)

# ListCertificates returns only RSA_2048 certificates unless asked for the rest.
KEY_TYPES = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]

IMPORTED = Is("Certificate.Type", "IMPORTED")


def requested(path: str) -> When:
    """A field of a requested certificate (the provider refuses it on an imported one)."""
    return When(Not(IMPORTED), f"Certificate.{path}")


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
        include=Not(Is("Status", "VALIDATION_TIMED_OUT")),
        # Certificates another AWS service manages for itself.
        is_default=Has("ManagedBy"),
        member_identity=("domain_name", "subject_alternative_names"),  # what each certificate is for
        details=(
            Call("describe_certificate", params={"CertificateArn": "{CertificateArn}"}),
            TagsCall("list_tags_for_certificate", CertificateArn="{CertificateArn}"),
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
        arn=Arn("{CertificateArn}", "acm", "certificate"),
        label=Or(Tag("Name"), "DomainName"),
        arguments={
            "domain_name": requested("DomainName"),
            # ACM lists the domain name among the SANs; alone, it is the default.
            "subject_alternative_names": Unless(
                Sorted(requested("SubjectAlternativeNames")), ListOf("Certificate.DomainName")
            ),
            "validation_method": When(
                Is("Certificate.Type", "AMAZON_ISSUED"),
                First("Certificate.DomainValidationOptions", "ValidationMethod"),
            ),
            # DescribeCertificate spells it RSA-2048, the provider RSA_2048.
            "key_algorithm": Replace(requested("KeyAlgorithm"), "-", "_"),
            "certificate_authority_arn": requested("CertificateAuthorityArn"),
            "options": {
                # The provider refuses this preference on an imported certificate.
                "certificate_transparency_logging_preference": When(
                    Is("Certificate.Options.CertificateTransparencyLoggingPreference", "DISABLED"),
                    requested("Options.CertificateTransparencyLoggingPreference"),
                ),
                "export": When(Is("Certificate.Options.Export", "ENABLED"), "Certificate.Options.Export"),
            },
            # The public PEM text of an imported certificate (GetCertificate).
            "certificate_body": When(IMPORTED, "Pem.Certificate"),
            "certificate_chain": When(IMPORTED, "Pem.CertificateChain"),
            "private_key": When(IMPORTED, Const(Secret("ACM never returns an imported certificate's private key"))),
            "tags": Tags(),
        },
        defaults={"key_algorithm": "RSA_2048"},
        references={"certificate_authority_arn": Ref("aws_acmpca_certificate_authority", "arn")},
        # The provider insists on a private key for an imported certificate (one
        # of domain_name and private_key), yet never reads it, nor the body,
        # back: both are ignored, and the key is a placeholder ACM would refuse.
        secret_placeholders={"private_key": ""},
        ignore_changes=(
            Ignore(
                ("certificate_body",),
                "The provider does not read an imported certificate's body back; ignoring it keeps ACM's, "
                "where a change would import the certificate again.",
                when=lambda resource: "certificate_body" in resource.attributes,
            ),
        ),
    ),
]
