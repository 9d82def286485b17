package warcstore

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config reaches S3-compatible object storage.
type S3Config struct {
	// Endpoint is the server's URL (https://s3.example.org or
	// http://127.0.0.1:9000); a bare host:port is taken as https.
	Endpoint  string
	Region    string
	AccessKey string
	SecretKey string
	// PathStyle asks for path-style requests (most self-hosted servers);
	// otherwise the client chooses (virtual-host style where it can).
	PathStyle bool
}

// S3 is a Store on an S3-compatible bucket.
type S3 struct {
	bucket string
	c      *minio.Client
}

var _ Store = (*S3)(nil)

// OpenS3 returns a Store on bucket, creating the bucket when create is set
// and it does not exist.
func OpenS3(ctx context.Context, cfg S3Config, bucket string, create bool) (*S3, error) {
	if cfg.Endpoint == "" {
		return nil, fmt.Errorf("s3 bucket %s: no endpoint (set --s3-endpoint or DRA_S3_ENDPOINT)", bucket)
	}
	host, secure := cfg.Endpoint, true
	if u, err := url.Parse(cfg.Endpoint); err == nil && u.Host != "" {
		host, secure = u.Host, u.Scheme != "http"
	}
	opts := &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""), Secure: secure, Region: cfg.Region}
	if cfg.PathStyle {
		opts.BucketLookup = minio.BucketLookupPath
	}
	c, err := minio.New(host, opts)
	if err != nil {
		return nil, fmt.Errorf("s3 %s: %w", cfg.Endpoint, err)
	}
	if create {
		ok, err := c.BucketExists(ctx, bucket)
		if err != nil {
			return nil, fmt.Errorf("s3 bucket %s: %w", bucket, err)
		}
		if !ok {
			if err := c.MakeBucket(ctx, bucket, minio.MakeBucketOptions{Region: cfg.Region}); err != nil {
				return nil, fmt.Errorf("s3 make bucket %s: %w", bucket, err)
			}
		}
	}
	return &S3{bucket: bucket, c: c}, nil
}

// Put uploads data under key in one request.
func (s *S3) Put(ctx context.Context, key string, data []byte) error {
	_, err := s.c.PutObject(ctx, s.bucket, key, bytes.NewReader(data), int64(len(data)),
		minio.PutObjectOptions{ContentType: "application/warc", DisableMultipart: true})
	if err != nil {
		return fmt.Errorf("put %s: %w", s.URI(key), err)
	}
	return nil
}

// Open reads the object from offset with a ranged GET.
func (s *S3) Open(ctx context.Context, key string, offset int64) (io.ReadCloser, error) {
	opts := minio.GetObjectOptions{}
	if offset > 0 {
		if err := opts.SetRange(offset, 0); err != nil {
			return nil, err
		}
	}
	obj, err := s.c.GetObject(ctx, s.bucket, key, opts)
	if err != nil {
		return nil, s.err("get", key, err)
	}
	// GetObject is lazy: the first read (here, Stat) makes the request.
	if _, err := obj.Stat(); err != nil {
		obj.Close()
		return nil, s.err("get", key, err)
	}
	return obj, nil
}

// Size is the object's size.
func (s *S3) Size(ctx context.Context, key string) (int64, error) {
	info, err := s.c.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return 0, s.err("stat", key, err)
	}
	return info.Size, nil
}

func (s *S3) err(op, key string, err error) error {
	if r := minio.ToErrorResponse(err); r.Code == minio.NoSuchKey || r.Code == minio.NoSuchBucket || r.StatusCode == 404 {
		return fmt.Errorf("%s: %w", s.URI(key), ErrNotFound)
	}
	return fmt.Errorf("%s %s: %w", op, s.URI(key), err)
}

// URI is s3://BUCKET/KEY.
func (s *S3) URI(key string) string { return SchemeS3 + "://" + s.bucket + "/" + key }
