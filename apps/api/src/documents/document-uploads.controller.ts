import { Controller, HttpCode, Param, ParseEnumPipe, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import type { RequestWithApplication } from '../auth/auth.guard';
import { IMAGE_TYPES, rawImage } from '../common/raw-image';
import { DocumentUploadsService } from './document-uploads.service';

enum Side {
  Front = 'front',
  Back = 'back',
}

@ApiTags('documents')
@Controller('api/v1/applications/:id/documents')
export class DocumentUploadsController {
  constructor(private readonly uploads: DocumentUploadsService) {}

  @Post(':side')
  @HttpCode(201)
  @ApiBearerAuth()
  @Authenticated({ principal: 'applicant' })
  @ApiOperation({ summary: 'Upload a photo of the ID card or passport, one side at a time (the raw JPEG or PNG as the body)' })
  @ApiParam({ name: 'side', enum: Side })
  @ApiConsumes(...IMAGE_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, description: '{ scanId, side }' })
  @ApiResponse({ status: 413, description: 'too many bytes or pixels' })
  @ApiResponse({ status: 415, description: 'not a JPEG or PNG' })
  @ApiResponse({ status: 422, description: 'unreadable or too small' })
  upload(@Param('id', ParseUUIDPipe) _id: string, @Param('side', new ParseEnumPipe(Side)) side: Side, @Req() req: RequestWithApplication) {
    return this.uploads.upload(req.application, side, rawImage(req).image);
  }
}
