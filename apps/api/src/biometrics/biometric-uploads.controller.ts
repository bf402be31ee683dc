import { Controller, HttpCode, Param, ParseEnumPipe, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { BiometricSampleKind } from '@app/biometrics';
import { Authenticated } from '../auth/auth.decorators';
import type { RequestWithApplication } from '../auth/auth.guard';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { IMAGE_TYPES, rawImage } from '../common/raw-image';
import { BiometricUploadsService, UPLOADABLE_KINDS } from './biometric-uploads.service';

@ApiTags('biometrics')
@Controller('api/v1/applications/:id/biometrics')
export class BiometricUploadsController {
  constructor(private readonly uploads: BiometricUploadsService) {}

  @Post(':kind')
  @HttpCode(201)
  @ApiBearerAuth()
  @Authenticated({ principal: 'applicant' })
  @ApiOperation({ summary: 'Upload a selfie (checked at once: the answer lists the problems to fix) or a video-identification frame (the raw JPEG or PNG as the body)' })
  @ApiParam({ name: 'kind', enum: UPLOADABLE_KINDS })
  @ApiQuery({ name: 'sessionId', required: false, description: 'for liveness_frame: the open session' })
  @ApiConsumes(...IMAGE_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, description: 'selfie: { sampleId, outcome: passed | retry | exhausted, problems, application }; frame: { sampleId, frames }' })
  @ApiResponse({ status: 400, description: 'empty upload' })
  @ApiResponse({ status: 413, description: 'too many bytes or pixels (decompression bombs included)' })
  @ApiResponse({ status: 415, description: 'not a JPEG or PNG, or not what Content-Type says' })
  @ApiResponse({ status: 422, description: 'truncated or corrupt image, or too small to hold a face' })
  async upload(
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('kind', new ParseEnumPipe(BiometricSampleKind)) kind: BiometricSampleKind,
    @Req() req: RequestWithApplication,
    @Query('sessionId') sessionId?: string,
  ) {
    if (!(UPLOADABLE_KINDS as readonly string[]).includes(kind)) throw new ApiError(ApiErrorCode.InvalidState, `${kind} is not uploaded by the applicant`);
    const { image, type } = rawImage(req);
    if (kind === BiometricSampleKind.Selfie) return this.uploads.uploadSelfie(req.application, image, type);
    return this.uploads.uploadFrame(req.application, sessionId, image, type);
  }
}
