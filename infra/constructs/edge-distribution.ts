import { Duration, Validations } from 'aws-cdk-lib'
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager'
import {
  AllowedMethods,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  OriginSslPolicy,
  type PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront'
import { FunctionUrlOrigin, HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins'
import type { IFunctionUrl } from 'aws-cdk-lib/aws-lambda'
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2'
import { Construct } from 'constructs'

/** The header CloudFront adds to every origin request; the function refuses requests without it. */
export const EDGE_HEADER = 'x-parley-edge'

/**
 * Headers the API reads, forwarded without entering any cache key, plus the viewer's address
 * (`ip:port`), which CloudFront itself writes. Never `Host`: API Gateway answers only its own name.
 * `Authorization` and `Origin` cannot be listed here; they are in every cache key instead.
 */
export const FORWARDED_HEADERS = [
  'Accept',
  'Accept-Language',
  'Content-Type',
  'User-Agent',
  'Idempotency-Key',
  'X-Edit-Token',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
  'CloudFront-Viewer-Address',
]

/** Error responses CloudFront would otherwise keep for 10 s: an outage or a 404 must not outlive itself. */
const UNCACHED_ERRORS = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504]

export interface EdgeDistributionProps {
  /** The HTTP API's own host name. */
  apiDomainName: string
  /** The API's function URL in response-streaming mode, for downloads of any size. */
  streamUrl: IFunctionUrl
  edgeToken: string
  domain: { name: string; certificateArn: string } | undefined
  wafRateLimit: number | undefined
  webAclArn: string | undefined
  priceClass: PriceClass
}

/**
 * CloudFront in front of the API. Three kinds of paths:
 * - `/embed.js`, `/count.js`, the widget's language packs `/embed/lang/*`: cached long (a day
 *   unless the origin says otherwise), compressed;
 * - public reads (`/v1/sites/{site}/comments`, `…/counts`, `…/comments.html`, `…/feed.atom`): cached only as long as the origin's
 *   `s-maxage` (and `stale-while-revalidate`) allows, keyed by the whole query, `Origin` (CORS
 *   answers differ per origin) and `Authorization` (a signed-in reader never gets another's copy);
 *   POST on the same path passes through;
 * - everything else (writes, admin, sign-in): default TTL 0, so nothing is kept unless the origin
 *   asks, and even then keyed by `Authorization` and cookies, at most one second. Of these, a
 *   site's export and feedback CSV go to the streaming function URL: they may exceed what a
 *   buffered Lambda response can hold.
 */
export class EdgeDistribution extends Construct {
  readonly distribution: Distribution
  readonly webAcl: CfnWebACL | undefined
  /** The public host name: the custom domain, else the distribution's own name. */
  readonly host: string
  /** `https://` plus {@link host}. */
  readonly url: string

  constructor(scope: Construct, id: string, props: EdgeDistributionProps) {
    super(scope, id)
    const origin = new HttpOrigin(props.apiDomainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      // CloudFront overwrites a viewer's header of the same name, so only it can send this value.
      customHeaders: { [EDGE_HEADER]: props.edgeToken },
    })
    const streamOrigin = new FunctionUrlOrigin(props.streamUrl, {
      customHeaders: { [EDGE_HEADER]: props.edgeToken },
      // Between two chunks of a download, not for the whole of it.
      readTimeout: Duration.seconds(60),
    })
    const staticAssets = new CachePolicy(this, 'StaticAssets', {
      comment: 'Parley widget scripts and language packs: a day at the edge unless the origin says otherwise',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      headerBehavior: CacheHeaderBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    })
    const publicReads = new CachePolicy(this, 'PublicReads', {
      comment: 'Parley public lists and counts: only what the origin marks s-maxage, keyed by query',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      headerBehavior: CacheHeaderBehavior.allowList('Origin', 'Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    })
    const privateCalls = new CachePolicy(this, 'Private', {
      comment: 'Parley writes, admin and sign-in: not stored unless the origin asks, keyed by credentials',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList('Origin', 'Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.all(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    })
    const apiRequest = new OriginRequestPolicy(this, 'ApiRequest', {
      comment: 'Parley API: the headers it reads and the viewer address, never Host',
      headerBehavior: OriginRequestHeaderBehavior.allowList(...FORWARDED_HEADERS),
      queryStringBehavior: OriginRequestQueryStringBehavior.none(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    })

    const api = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      originRequestPolicy: apiRequest,
      compress: true,
    }
    const script = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: staticAssets,
      compress: true,
    }
    const publicRead = { ...api, allowedMethods: AllowedMethods.ALLOW_ALL, cachePolicy: publicReads }
    const download = {
      ...api,
      origin: streamOrigin,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: privateCalls,
    }

    this.webAcl = props.wafRateLimit === undefined ? undefined : this.rateLimitAcl(props.wafRateLimit)
    const webAclId = this.webAcl?.attrArn ?? props.webAclArn
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Parley comments',
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      priceClass: props.priceClass,
      ...(props.domain && {
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        domainNames: [props.domain.name],
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
      }),
      ...(webAclId !== undefined && { webAclId }),
      defaultBehavior: {
        ...api,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        cachePolicy: privateCalls,
      },
      additionalBehaviors: {
        '/embed.js': script,
        '/count.js': script,
        '/embed/lang/*': script,
        '/v1/sites/*/comments': { ...publicRead, cachedMethods: CachedMethods.CACHE_GET_HEAD },
        '/v1/sites/*/counts': { ...publicRead, cachedMethods: CachedMethods.CACHE_GET_HEAD },
        '/v1/sites/*/comments.html': { ...publicRead, cachedMethods: CachedMethods.CACHE_GET_HEAD },
        '/v1/sites/*/feed.atom': { ...publicRead, cachedMethods: CachedMethods.CACHE_GET_HEAD },
        '/v1/admin/sites/*/export': download,
        '/v1/admin/sites/*/feedback.csv': download,
      },
      errorResponses: UNCACHED_ERRORS.map((httpStatus) => ({ httpStatus, ttl: Duration.seconds(0) })),
    })
    this.host = props.domain?.name ?? this.distribution.distributionDomainName
    this.url = `https://${this.host}`

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-CFR1',
        reason:
          'Comments are read worldwide; a blog that needs geo restrictions can add them to its own copy',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR3',
        reason:
          'Requests that reach the API are in its JSON access log; edge logs of cache hits would need an S3 bucket and cost more than the service',
      },
    )
    if (webAclId === undefined) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions::AwsSolutions-CFR2',
        reason:
          'WAF costs at least $5 a month, more than a small blog pays for the rest; enable it with -c wafRateLimit=<n> or attach one with -c webAclArn=<arn>. The API throttles per stage and the app rate-limits posts per IP',
      })
    }
    if (props.domain === undefined) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions::AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, which always allows TLSv1; with -c domainName the distribution enforces TLSv1.2_2021',
      })
    }
  }

  /** A CloudFront-scoped web ACL with one rule: block an IP past `limit` requests in 5 minutes. */
  private rateLimitAcl(limit: number): CfnWebACL {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    })
    return new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('parley-web-acl'),
      rules: [
        {
          name: 'rate-per-ip',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('parley-rate-per-ip'),
        },
      ],
    })
  }
}
