import { Controller, HttpCode, Param, ParseEnumPipe, ParseUUIDPipe, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { BiometricSampleKind } from '@app/biometrics';
import { ApplicationTokenGuard, type RequestWithApplication } from '../applications/application-token.guard';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { IMAGE_TYPES, rawImage } from '../common/raw-image';
import { BiometricUploadsService, UPLOADABLE_KINDS, type UploadableKind } from './biometric-uploads.service';

@ApiTags('biometrics')
@Controller('api/v1/applications/:id/biometrics')
export class BiometricUploadsController {
  constructor(private readonly uploads: BiometricUploadsService) {}

  @Post(':kind')
  @HttpCode(201)
  @ApiBearerAuth()
  @UseGuards(ApplicationTokenGuard)
  @ApiOperation({ summary: 'Upload a selfie or a video-identification frame (the raw JPEG or PNG as the body)' })
  @ApiParam({ name: 'kind', enum: UPLOADABLE_KINDS })
  @ApiConsumes(...IMAGE_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, description: '{ sampleId, kind }' })
  @ApiResponse({ status: 400, description: 'empty upload' })
  @ApiResponse({ status: 413, description: 'too many bytes or pixels (decompression bombs included)' })
  @ApiResponse({ status: 415, description: 'not a JPEG or PNG, or not what Content-Type says' })
  @ApiResponse({ status: 422, description: 'truncated or corrupt image, or too small to hold a face' })
  async upload(
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('kind', new ParseEnumPipe(BiometricSampleKind)) kind: BiometricSampleKind,
    @Req() req: RequestWithApplication,
  ) {
    if (!(UPLOADABLE_KINDS as readonly string[]).includes(kind)) throw new ApiError(ApiErrorCode.InvalidState, `${kind} is not uploaded by the applicant`);
    const { image, type } = rawImage(req);
    return this.uploads.upload(req.application, kind as UploadableKind, image, type);
  }
}
